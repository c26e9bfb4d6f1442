import pytest
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.addresses.enums import AliasMethod
from minzheng.addresses.models import AddressAlias
from minzheng.addresses.tests.factories import (
    DANGHU,
    TIANFEI,
    ZHAPU,
    AddressAliasFactory,
    donghu_flat,
    standard_address,
)
from minzheng.core.enums import AuditAction
from minzheng.core.models import AuditEvent

pytestmark = pytest.mark.django_db

URL = reverse("addresses:worklist")
AMBIGUOUS = "东湖社区东湖苑3幢301室"  # two units have a 301: the matcher will not guess


@pytest.fixture
def aliases():
    """当湖: two unmatched (5 + 3 records) and one matched (10); 乍浦: one; nowhere: one."""
    flat = donghu_flat()
    return {
        "ambiguous": AddressAliasFactory(raw_text=AMBIGUOUS, occurrences=5),
        "other": AddressAliasFactory(raw_text="东湖苑后面", source="electricity", occurrences=3),
        "matched": AddressAliasFactory(address=flat, method=AliasMethod.EXACT, occurrences=10),
        "zhapu": AddressAliasFactory(township_id=ZHAPU, occurrences=1),
        "nowhere": AddressAliasFactory(township_id=None, occurrences=2),
    }


def _summary(response):
    return {
        line.code: (line.unmatched, line.records, line.share_percent)
        for line in response.context["summary"]
    }


def test_county_user_sees_every_township_and_the_unlocated(aliases, caseworker, client_for):
    response = client_for(caseworker).get(URL)

    assert response.status_code == 200
    summary = _summary(response)
    assert len(summary) == 10  # Pinghu's nine 镇街 and 未识别镇街
    assert summary[DANGHU] == (2, 8, 72.7)  # 8 of the 11 unmatched records
    assert summary[ZHAPU] == (1, 1, 9.1)
    assert summary[None] == (1, 2, 18.2)
    assert summary[330482002000] == (0, 0, 0.0)
    assert "未识别镇街" in response.content.decode()
    assert "worklist" not in response.context  # nothing chosen yet


def test_list_is_sorted_by_records_and_shows_candidates(aliases, caseworker, client_for):
    second_unit = donghu_flat(unit="1")

    response = client_for(caseworker).get(URL, {"township": DANGHU})

    rows = response.context["worklist"].rows
    assert [row.alias.raw_text for row in rows] == [AMBIGUOUS, "东湖苑后面"]
    assert [row.source_label for row in rows] == ["公安户籍", "电力"]
    candidates = rows[0].candidates
    assert {c.full_text for c in candidates} == {
        "当湖街道东湖社区人民路12号东湖苑3幢2单元301室",
        second_unit.full_text,
    }
    assert all(0 < c.score < 1 for c in candidates)
    assert rows[1].candidates == []  # no number to look candidates up by
    page = response.content.decode()
    assert "指定为此地址" in page
    assert "搜索其他标准地址" in page
    # Reading a township's list is audited, without the strings themselves.
    event = AuditEvent.objects.get(action=AuditAction.VIEW, target_type="address_worklist")
    assert event.target_id == str(DANGHU)
    assert AMBIGUOUS not in repr(event.changes)


def test_unlocated_list_is_for_county_users(aliases, caseworker, client_for):
    response = client_for(caseworker).get(URL, {"township": "none"})

    assert [row.alias.pk for row in response.context["worklist"].rows] == [aliases["nowhere"].pk]


def test_township_worker_sees_only_their_own_township(aliases, make_staff, client_for):
    client = client_for(make_staff(Role.TOWNSHIP_WORKER, DANGHU))

    response = client.get(URL)

    assert list(_summary(response)) == [DANGHU]
    assert len(response.context["worklist"].rows) == 2  # their only township, opened at once
    assert "未识别镇街" not in response.content.decode()
    assert client.get(URL, {"township": ZHAPU}).status_code == 404
    assert client.get(URL, {"township": "none"}).status_code == 404


@pytest.mark.parametrize("role", [Role.VILLAGE_WORKER, Role.HOTLINE_OPERATOR, Role.AUDITOR])
def test_roles_without_the_capability_are_denied(aliases, make_staff, client_for, role):
    client = client_for(make_staff(role, 330482001034))
    alias = aliases["ambiguous"]

    assert client.get(URL).status_code == 403
    search = reverse("addresses:address_search", args=[alias.pk])
    assert client.get(search, {"q": "东湖"}).status_code == 403
    resolve = reverse("addresses:alias_resolve", args=[alias.pk])
    assert client.post(resolve, {"address": str(aliases["matched"].address_id)}).status_code == 403
    assert not AuditEvent.objects.exists()


def test_anonymous_user_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_nav_shows_the_worklist_to_users_who_may_resolve(caseworker, make_staff, client_for):
    assert "未匹配地址" in client_for(caseworker).get(URL).content.decode()
    village = client_for(make_staff(Role.VILLAGE_WORKER, 330482001034))
    assert "未匹配地址" not in village.get(reverse("registry:household_search")).content.decode()


def test_resolving_by_htmx_swaps_the_row_and_is_audited(aliases, caseworker, client_for):
    alias = aliases["ambiguous"]
    flat = aliases["matched"].address

    response = client_for(caseworker).post(
        reverse("addresses:alias_resolve", args=[alias.pk]),
        {"address": str(flat.pk)},
        headers={"HX-Request": "true"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert page.strip().startswith(f'<tr id="alias-{alias.pk}">')
    assert f"已指定为 {flat.full_text}" in page
    alias.refresh_from_db()
    assert (alias.address_id, alias.method) == (flat.pk, AliasMethod.MANUAL)
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, target_id=str(alias.pk)).exists()


def test_resolving_by_plain_form_redirects_to_the_list(aliases, caseworker, client_for):
    alias = aliases["ambiguous"]

    response = client_for(caseworker).post(
        reverse("addresses:alias_resolve", args=[alias.pk]),
        {"address": str(aliases["matched"].address_id)},
    )

    assert response.status_code == 302
    assert response["Location"] == f"{URL}?township={DANGHU}"


def test_refusal_is_shown_in_the_row(aliases, make_staff, client_for):
    elsewhere = standard_address(TIANFEI, road="海光路", door_number="1")
    alias = aliases["ambiguous"]
    client = client_for(make_staff(Role.TOWNSHIP_WORKER, ZHAPU))

    # The 乍浦 worker cannot see a 当湖 alias at all.
    response = client.post(
        reverse("addresses:alias_resolve", args=[alias.pk]),
        {"address": str(elsewhere.pk)},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 404
    assert AddressAlias.objects.get(pk=alias.pk).address_id is None


def test_unknown_address_is_reported_in_the_row(aliases, caseworker, client_for):
    alias = aliases["ambiguous"]

    response = client_for(caseworker).post(
        reverse("addresses:alias_resolve", args=[alias.pk]),
        {"address": "00000000-0000-0000-0000-000000000000"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert "未找到所选的标准地址。" in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_search_finds_addresses_in_the_jurisdiction(aliases, make_staff, client_for):
    standard_address(TIANFEI, road="东湖路", door_number="1")  # 乍浦: outside 当湖
    client = client_for(make_staff(Role.TOWNSHIP_WORKER, DANGHU))
    alias = aliases["ambiguous"]

    response = client.get(
        reverse("addresses:address_search", args=[alias.pk]),
        {"q": "东湖"},
        headers={"HX-Request": "true"},
    )

    page = response.content.decode()
    assert [a.full_text for a in response.context["addresses"]] == [
        "当湖街道东湖社区人民路12号东湖苑3幢2单元301室"
    ]
    assert "指定为此地址" in page
    assert "<html" not in page


@pytest.mark.parametrize("size", [1, 6])
def test_list_issues_a_fixed_number_of_queries(
    caseworker, client_for, size, django_assert_num_queries
):
    donghu_flat()
    donghu_flat(unit="1")
    for n in range(size):
        AddressAliasFactory(raw_text=f"东湖苑3幢{301 + n}室", occurrences=n + 1)
    client = client_for(caseworker)
    client.get("/")  # warm the session

    # session, user, jurisdiction, townships, summary aggregate, township, aliases, candidate
    # addresses, the audit event, session save (3 with its savepoint): 12, however many rows
    # the page shows.
    with django_assert_num_queries(12):
        response = client.get(URL, {"township": DANGHU})
    assert len(response.context["worklist"].rows) == size
