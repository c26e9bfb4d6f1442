import json
import uuid

import pytest
from django.db import connection

from minzheng.accounts.enums import Role
from minzheng.addresses import matching
from minzheng.addresses.enums import AliasMethod
from minzheng.addresses.models import AddressAlias
from minzheng.addresses.services import (
    address_alias_resolve_manually,
    address_aliases_rematch,
    address_aliases_resolve,
)
from minzheng.addresses.tests.factories import (
    DANGHU,
    TIANFEI,
    XINCANG,
    ZHAPU,
    AddressAliasFactory,
    donghu_flat,
    standard_address,
)
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import NotFound, PermissionDenied
from minzheng.core.models import AuditEvent

pytestmark = pytest.mark.django_db

FLAT = "当湖街道东湖社区人民路12号东湖苑3幢2单元301室"


@pytest.fixture
def flat():
    return donghu_flat()


def _alias(text, source="police"):
    return AddressAlias.objects.get(source=source, raw_text=text)


# address_aliases_resolve


def test_canonical_text_is_stored_as_an_exact_alias(flat):
    result = address_aliases_resolve(raw_texts={f"平湖市{FLAT}": 2}, source="police")

    assert result == {f"平湖市{FLAT}": flat.pk}
    alias = _alias(f"平湖市{FLAT}")
    assert (alias.address_id, alias.method, alias.score) == (flat.pk, AliasMethod.EXACT, 1.0)
    assert (alias.township_id, alias.occurrences) == (DANGHU, 2)


def test_another_spelling_is_matched_with_the_matchers_score(flat):
    text = "東湖社区人民路十二号东湖苑3-2-301附近"

    result = address_aliases_resolve(raw_texts=[text], source="electricity")

    assert result[text] == flat.pk
    alias = _alias(text, "electricity")
    assert alias.method == AliasMethod.MATCHER
    assert 0.8 <= alias.score < 1.0
    assert alias.township_id == DANGHU


@pytest.mark.parametrize(
    ("text", "township"),
    [
        pytest.param("乍浦镇海光路99号", ZHAPU, id="township_named_case"),
        pytest.param("友联村9组张家埭99号", XINCANG, id="village_names_its_township_case"),
        pytest.param("友連村9组张家埭98号", XINCANG, id="traditional_character_case"),
        pytest.param("天飞社区海光路7号", ZHAPU, id="homophone_of_village_case"),
        pytest.param("海光路99号", None, id="no_place_named_case"),
    ],
)
def test_unmatched_string_goes_to_the_worklist_of_the_township_it_names(flat, text, township):
    result = address_aliases_resolve(raw_texts=[text], source="police")

    assert result == {text: None}
    alias = _alias(text)
    assert (alias.address_id, alias.score, alias.township_id) == (None, None, township)
    assert (result.matched, result.unmatched, result.records_unmatched) == (0, 1, 1)


def test_known_strings_are_answered_from_the_table_and_occurrences_add_up(flat, monkeypatch):
    address_aliases_resolve(raw_texts={FLAT: 2, "海光路99号": 1}, source="police")

    def no_matching():
        raise AssertionError("known strings must not be matched again")

    monkeypatch.setattr("minzheng.addresses.services.aliases.address_index", no_matching)
    result = address_aliases_resolve(raw_texts=[FLAT, FLAT, FLAT, "海光路99号"], source="police")

    assert result == {FLAT: flat.pk, "海光路99号": None}
    assert (result.from_table, result.created) == (2, 0)
    assert (result.records_matched, result.records_unmatched) == (3, 1)
    assert _alias(FLAT).occurrences == 5
    assert _alias("海光路99号").occurrences == 2
    assert AddressAlias.objects.count() == 2


def test_a_manual_resolution_answers_later_feeds(flat, caseworker):
    address_aliases_resolve(raw_texts=["东湖苑那边3幢"], source="police")
    alias = _alias("东湖苑那边3幢")
    address_alias_resolve_manually(actor=caseworker, alias_id=alias.pk, address_id=flat.pk)

    assert address_aliases_resolve(raw_texts=["东湖苑那边3幢"], source="police") == {
        "东湖苑那边3幢": flat.pk
    }


def test_each_source_keeps_its_own_aliases(flat):
    address_aliases_resolve(raw_texts=[FLAT], source="police")
    address_aliases_resolve(raw_texts=[FLAT], source="electricity")

    assert sorted(AddressAlias.objects.values_list("source", flat=True)) == [
        "electricity",
        "police",
    ]


def test_blank_strings_mean_nothing_and_are_not_stored(flat):
    result = address_aliases_resolve(raw_texts={"": 3, "  ": 1, f" {FLAT} ": 1}, source="police")

    assert result == {"": None, "  ": None, f" {FLAT} ": flat.pk}
    assert (result.matched, result.unmatched) == (1, 0)
    assert list(AddressAlias.objects.values_list("raw_text", flat=True)) == [FLAT]


def test_index_is_built_once_and_rebuilt_when_an_address_is_added(flat):
    first = matching.address_index()
    assert matching.address_index() is first

    other = standard_address(TIANFEI, road="海光路", door_number="99")
    result = address_aliases_resolve(raw_texts=["乍浦镇天妃社区海光路99号"], source="police")

    assert matching.address_index() is not first
    assert result == {"乍浦镇天妃社区海光路99号": other.pk}


def test_index_is_rebuilt_when_an_address_is_saved(flat):
    first = matching.address_index()
    flat.save()

    assert matching.address_index() is not first


def test_progress_is_reported_for_new_strings(flat):
    calls = []

    address_aliases_resolve(
        raw_texts=[FLAT, "海光路1号"], source="police", progress=lambda *a: calls.append(a)
    )

    assert calls == [(2, 2)]


def test_source_must_be_a_short_code():
    with pytest.raises(ValueError, match="source"):
        address_aliases_resolve(raw_texts=["x"], source="")


@pytest.mark.parametrize("count", [10, 300])
def test_resolving_issues_a_fixed_number_of_queries(flat, count, django_assert_num_queries):
    texts = {f"海光路{n}号": 1 for n in range(1, count + 1)} | {FLAT: 1}
    address_aliases_resolve(raw_texts=dict(list(texts.items())[:5]), source="police")

    # Known strings, index version, then in a savepoint: the occurrences update and one
    # batched insert (on PostgreSQL a COPY to a staging table: drop, create, insert, drop).
    # (The index was built by the first call.)
    with django_assert_num_queries(6 if connection.vendor == "sqlite" else 9):
        address_aliases_resolve(raw_texts=texts, source="police")
    # All known now: no index, no insert.
    with django_assert_num_queries(4):
        address_aliases_resolve(raw_texts=texts, source="police")


# address_alias_resolve_manually


def test_clerk_assigns_an_address_and_it_is_audited_without_the_raw_text(flat, caseworker):
    alias = AddressAliasFactory(raw_text="东湖苑3幢那一家", township_id=None, occurrences=4)

    address_alias_resolve_manually(actor=caseworker, alias_id=alias.pk, address_id=flat.pk)

    alias.refresh_from_db()
    assert (alias.address_id, alias.method, alias.score) == (flat.pk, AliasMethod.MANUAL, None)
    assert (alias.township_id, alias.resolved_by) == (DANGHU, caseworker)
    assert alias.resolved_at is not None
    event = AuditEvent.objects.get()
    assert (event.action, event.target_type, event.target_id) == (
        AuditAction.UPDATE,
        "address_alias",
        str(alias.pk),
    )
    assert event.changes == {
        "source": "police",
        "address": [None, str(flat.pk)],
        "method": ["matcher", "manual"],
        "township": [None, DANGHU],
    }
    assert "东湖苑" not in json.dumps(event.changes, ensure_ascii=False)


def test_assigning_the_same_address_twice_records_once(flat, caseworker):
    alias = AddressAliasFactory()

    for _ in range(2):
        address_alias_resolve_manually(actor=caseworker, alias_id=alias.pk, address_id=flat.pk)

    assert AuditEvent.objects.count() == 1


def test_township_worker_may_resolve_an_alias_of_their_township(flat, make_staff):
    alias = AddressAliasFactory(township_id=DANGHU)
    worker = make_staff(Role.TOWNSHIP_WORKER, DANGHU)

    address_alias_resolve_manually(actor=worker, alias_id=alias.pk, address_id=flat.pk)

    assert AddressAlias.objects.get().address_id == flat.pk


def test_township_worker_may_place_an_unlocated_alias_in_their_township(flat, make_staff):
    alias = AddressAliasFactory(township_id=None)
    worker = make_staff(Role.TOWNSHIP_WORKER, DANGHU)

    address_alias_resolve_manually(actor=worker, alias_id=alias.pk, address_id=flat.pk)

    assert AddressAlias.objects.get().township_id == DANGHU


def test_township_worker_is_refused_outside_their_jurisdiction(make_staff):
    elsewhere = standard_address(TIANFEI, road="海光路", door_number="1")
    alias = AddressAliasFactory(township_id=ZHAPU)
    worker = make_staff(Role.TOWNSHIP_WORKER, DANGHU)

    with pytest.raises(PermissionDenied) as refused:
        address_alias_resolve_manually(actor=worker, alias_id=alias.pk, address_id=elsewhere.pk)

    assert str(refused.value.message) == "该地址不在您的管辖范围内，不能指定。"
    alias.refresh_from_db()
    assert alias.address_id is None
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("role", [Role.VILLAGE_WORKER, Role.HOTLINE_OPERATOR, Role.AUDITOR])
def test_roles_without_the_capability_are_refused(flat, make_staff, role):
    alias = AddressAliasFactory()

    with pytest.raises(PermissionDenied):
        address_alias_resolve_manually(
            actor=make_staff(role, 330482001034), alias_id=alias.pk, address_id=flat.pk
        )

    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("alias_id", "address_id", "message"),
    [
        pytest.param(uuid.uuid4(), "flat", "未找到该待匹配地址，可能已被删除。", id="no_alias"),
        pytest.param("not-a-uuid", "flat", "记录不存在或无权访问", id="malformed_alias_id"),
        pytest.param("alias", uuid.uuid4(), "未找到所选的标准地址。", id="unknown_address"),
        pytest.param("alias", "", "记录不存在或无权访问", id="no_address_chosen"),
    ],
)
def test_bad_ids_are_refused_in_chinese(flat, caseworker, alias_id, address_id, message):
    alias = AddressAliasFactory()
    ids = {"alias": alias.pk, "flat": flat.pk}

    with pytest.raises(NotFound) as refused:
        address_alias_resolve_manually(
            actor=caseworker,
            alias_id=ids.get(alias_id, alias_id),
            address_id=ids.get(address_id, address_id),
        )

    assert str(refused.value.message) == message
    assert not AuditEvent.objects.exists()


# address_aliases_rematch


def test_rematch_places_strings_that_name_a_new_address(flat, caseworker):
    address_aliases_resolve(raw_texts=["乍浦镇天妃社区海光路99号", "海光路1号"], source="police")
    manual = AddressAliasFactory(raw_text="东湖苑那家", township_id=None)
    address_alias_resolve_manually(actor=caseworker, alias_id=manual.pk, address_id=flat.pk)
    added = standard_address(TIANFEI, road="海光路", door_number="99")

    assert address_aliases_rematch() == 1

    alias = _alias("乍浦镇天妃社区海光路99号")
    assert (alias.address_id, alias.method, alias.township_id) == (
        added.pk,
        AliasMethod.EXACT,
        ZHAPU,
    )
    assert _alias("海光路1号").address_id is None
    assert _alias("东湖苑那家").method == AliasMethod.MANUAL


def test_an_estate_of_one_township_locates_a_string_that_names_no_division(flat):
    standard_address(TIANFEI, road="海光路", door_number="8", estate="海景花园", building="1")

    address_aliases_resolve(raw_texts=["海景花园9幢909室"], source="police")

    assert _alias("海景花园9幢909室").township_id == ZHAPU
