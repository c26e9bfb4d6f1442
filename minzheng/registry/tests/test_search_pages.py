import pytest

from minzheng.registry.enums import SearchField
from minzheng.registry.selectors import household_search
from minzheng.registry.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_pages_through_matches_without_repeats(caseworker):
    for _ in range(25):
        MembershipFactory(person__name="李娜")

    first = household_search(actor=caseworker, query="李娜", page=1)
    second = household_search(actor=caseworker, query="李娜", page=2)

    assert (len(first.households), first.has_next) == (20, True)
    assert (len(second.households), second.has_next) == (5, False)
    assert not {h.pk for h in first.households} & {h.pk for h in second.households}


def test_a_household_with_two_matching_members_is_listed_once_per_page(caseworker):
    head = MembershipFactory(person__name="王芳")
    MembershipFactory(household=head.household, person__name="王芳芳", relation="child")

    result = household_search(actor=caseworker, query="王芳", field=SearchField.NAME)

    assert [h.pk for h in result.households] == [head.household_id]


def test_address_results_follow_the_address_text(caseworker):
    later = MembershipFactory(
        household__address__road="新华路", household__address__door_number="9"
    )
    earlier = MembershipFactory(
        household__address__road="新华路", household__address__door_number="10"
    )

    result = household_search(actor=caseworker, query="新华路", field=SearchField.ADDRESS)

    texts = [h.address.full_text for h in result.households]
    assert texts == sorted(texts)
    assert {h.pk for h in result.households} == {later.household_id, earlier.household_id}


def test_a_scan_that_cannot_fill_the_page_says_so(make_staff, monkeypatch):
    from minzheng.accounts.enums import Role
    from minzheng.registry import search_hits

    monkeypatch.setattr(search_hits, "BATCH", 2)
    monkeypatch.setattr(search_hits, "MAX_PERSONS_SCANNED", 4)
    for _ in range(5):
        MembershipFactory(person__name="赵敏")  # all in 松枫社区, 当湖街道
    elsewhere = make_staff(Role.TOWNSHIP_WORKER, 330482101000)  # 乍浦镇

    result = household_search(actor=elsewhere, query="赵敏")

    assert (list(result.households), result.has_next, result.truncated) == ([], False, True)


def test_persons_beyond_the_first_batch_are_found(caseworker, monkeypatch):
    from minzheng.registry import search_hits

    monkeypatch.setattr(search_hits, "BATCH", 2)
    for _ in range(5):
        MembershipFactory(person__name="钱多")

    result = household_search(actor=caseworker, query="钱多")

    assert (len(result.households), result.truncated) == (5, False)


def test_a_name_typed_in_traditional_characters_finds_the_simplified_one(caseworker):
    """Issue 13: "張偉" found nobody although 张伟 is registered (OpenCC folds the query)."""
    member = MembershipFactory(person__name="张伟")

    result = household_search(actor=caseworker, query="張偉")

    assert [h.pk for h in result.households] == [member.household_id]


@pytest.mark.parametrize("query", ["2幢402室", "广场路28号2幢402室", "２幢４０２", "2幢 402"])
def test_an_address_typed_with_a_room_mark_or_wide_digits_is_found(caseworker, query):
    """Issue 13: "2幢402室" did not find 广场路28号2幢402."""
    member = MembershipFactory(
        household__address__full_text="当湖街道松枫社区广场路28号2幢402",
    )

    result = household_search(actor=caseworker, query=query, field=SearchField.ADDRESS)

    assert [h.pk for h in result.households] == [member.household_id]
