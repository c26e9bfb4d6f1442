"""Reads of the registry, always scoped to the actor's jurisdiction."""

import uuid
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np
from django.db.models import Case, Prefetch, Q, QuerySet, Value, When

from minzheng.accounts.enums import Capability
from minzheng.accounts.permissions import Actor, jurisdiction_range
from minzheng.core.enums import AuditAction
from minzheng.core.models import AuditEvent
from minzheng.divisions.selectors import division_lineage
from minzheng.registry.contracts import MemberColumns
from minzheng.registry.enums import HouseholdStatus, PersonStatus, Relation, SearchField
from minzheng.registry.models import Household, Membership, Person
from minzheng.registry.search import address_query, classify_query, name_query
from minzheng.registry.search_hits import Window, address_hits, exact_hits, person_prefix_hits
from minzheng.registry.services.households import HOUSEHOLD_TARGET
from minzheng.registry.services.persons import PERSON_TARGET

if TYPE_CHECKING:
    from minzheng.divisions.models import Division

WRITE_ACTIONS = (AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE)
# The head first, then the others from the eldest, as a 户口簿 lists them.
MEMBER_ORDER = (
    Case(When(relation=Relation.HEAD, then=Value(0)), default=Value(1)),
    "person__birth_date",
    "person_id",
)


@dataclass(frozen=True)
class SearchPage:
    households: Sequence[Household]
    field: SearchField
    page: int
    has_next: bool
    truncated: bool = False  # the scan stopped before the page filled; refine the query


def household_search(
    *,
    actor: Actor,
    query: str,
    field: SearchField = SearchField.AUTO,
    page: int = 1,
    page_size: int = 20,
) -> SearchPage:
    """Households in the actor's jurisdiction matching the query, a page at a time.

    Pages are fetched one row past their size to learn whether another follows; a total count
    over hundreds of thousands of households would cost more than the page itself. Address
    searches page through matching addresses in text order; the others through matching
    persons. A household with two matching members can appear on two pages.
    """
    low, high = jurisdiction_range(actor=actor, capability=Capability.REGISTRY_VIEW)
    query = query.strip()
    chosen = classify_query(query) if field == SearchField.AUTO else field
    if not query:
        return SearchPage([], chosen, 1, has_next=False)
    page = max(page, 1)
    scoped = Household.objects.in_division_range(low, high)
    skip, wanted = (page - 1) * page_size, page * page_size + 1
    if chosen == SearchField.ADDRESS:
        window = address_hits(
            query=address_query(query), scope=(low, high), skip=skip, wanted=page_size + 1
        )
        page_ids = window.ids[:page_size]
        homes = scoped.filter(address_id__in=page_ids)
        rank_of = attrgetter("address_id")
    else:
        if chosen in (SearchField.NAME, SearchField.INITIALS):
            typed = name_query(query) if chosen == SearchField.NAME else query
            found = person_prefix_hits(field=chosen, query=typed, scope=(low, high), wanted=wanted)
        else:
            found = exact_hits(field=chosen, query=query, scope=(low, high), wanted=wanted)
        window = Window(found.ids[skip:], found.truncated)
        page_ids = window.ids[:page_size]
        homes = scoped.filter(pk__in=page_ids)
        rank_of = attrgetter("pk")
    # First appearance in the window decides a household's place on the page.
    rank = {hit: index for index, hit in reversed(list(enumerate(page_ids)))}
    rows = list(
        homes.select_related("division", "address").prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.current()
                .select_related("person")
                .order_by(*MEMBER_ORDER),
                to_attr="current_members",
            )
        )
    )
    rows.sort(key=lambda home: (rank[rank_of(home)], home.number))
    return SearchPage(
        rows, chosen, page, has_next=len(window.ids) > page_size, truncated=window.truncated
    )


@dataclass(frozen=True)
class HouseholdDetail:
    household: Household
    members: list[Membership]
    lineage: list["Division"]
    history: list[AuditEvent]


def household_detail(*, household: Household) -> HouseholdDetail:
    """Members, division path and change history of a household the caller may already see.

    The query count is fixed whatever the household's size: members with their persons in one
    query, the division lineage in one, the history in one.
    """
    members = list(
        Membership.objects.current()
        .filter(household=household)
        .select_related("person")
        .order_by(*MEMBER_ORDER)
    )
    targets = Q(target_type=HOUSEHOLD_TARGET, target_id=str(household.pk)) | Q(
        target_type=PERSON_TARGET, target_id__in=[str(m.person_id) for m in members]
    )
    history = list(
        AuditEvent.objects.filter(targets, action__in=WRITE_ACTIONS)
        .select_related("actor")
        .order_by("-occurred_at")[:50]
    )
    return HouseholdDetail(household, members, division_lineage(household.division_id), history)


def current_member_columns(*, household_ids: Collection[uuid.UUID] | None = None) -> MemberColumns:
    """Every living current member of active households (or of ``household_ids``), as columns.

    For bulk work such as the rules' registry run: no jurisdiction scope, the caller decides
    who sees the results. One query, ordered so that each household's members are adjacent.
    """
    memberships = Membership.objects.current().filter(
        household__status=HouseholdStatus.ACTIVE, person__status=PersonStatus.ALIVE
    )
    if household_ids is not None:
        memberships = memberships.filter(household_id__in=list(household_ids))
    rows = list(
        memberships.order_by("household_id", "person_id").values_list(
            "household_id", "person_id", "person__birth_date", "relation", "household__division_id"
        )
    )
    return MemberColumns(
        household_id=[row[0] for row in rows],
        person_id=[row[1] for row in rows],
        birth_date=np.array([row[2] for row in rows], dtype="datetime64[D]"),
        relation=[row[3] for row in rows],
        division_code=np.array([row[4] for row in rows], dtype=np.int64),
    )


def persons_deceased(*, person_ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
    """Those of ``person_ids`` the registry records as deceased (one query)."""
    return set(
        Person.objects.filter(pk__in=list(person_ids), status=PersonStatus.DECEASED).values_list(
            "pk", flat=True
        )
    )


@dataclass(frozen=True)
class PersonIdentity:
    name: str
    id_number: str


def person_identities(*, person_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, PersonIdentity]:
    """Name and full ID number of each person, for a document that must carry them (a bank
    file); the caller checks access and never logs them. One query."""
    return {
        pk: PersonIdentity(name, id_number)
        for pk, name, id_number in Person.objects.filter(pk__in=list(person_ids)).values_list(
            "pk", "name", "id_number"
        )
    }


@dataclass(frozen=True)
class PersonLabel:
    """A person as staff pages show one: the name, the ID masked, the registry status."""

    name: str
    id_number_masked: str
    status: str


def person_labels(*, person_ids: Collection[uuid.UUID]) -> list[PersonLabel]:
    """Each of ``person_ids`` as a staff page shows it, by name (one query; the caller checked
    access to the household)."""
    return [
        PersonLabel(person.name, person.id_number_masked, person.get_status_display())
        for person in Person.objects.filter(pk__in=list(person_ids))
        .only("name", "id_number", "status")
        .order_by("name", "id")
    ]


def household_current_members(*, household_id: uuid.UUID) -> dict[uuid.UUID, str]:
    """Person id → name of the household's current members, one query."""
    return dict(
        Membership.objects.current()
        .filter(household_id=household_id)
        .values_list("person_id", "person__name")
    )


def persons_current_households(
    *, person_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, tuple[uuid.UUID, int]]:
    """(household, its 村社 code) of each of ``person_ids`` that has a current membership.

    For bulk work that places persons in households (the 在册对象 roll): no jurisdiction scope.
    """
    wanted = list(person_ids)
    found: dict[uuid.UUID, tuple[uuid.UUID, int]] = {}
    for start in range(0, len(wanted), 10_000):  # below every backend's parameter limit
        rows = Membership.objects.current().filter(person_id__in=wanted[start : start + 10_000])
        for person_id, household_id, division_code in rows.values_list(
            "person_id", "household_id", "household__division_id"
        ):
            found[person_id] = (household_id, division_code)
    return found


# Reads for other apps (ADR 0032): they never query the registry's models themselves.


# The columns linkage compares, in this order (integration's reference table).
LINKAGE_COLUMNS = (
    "person_id",
    "person__name",
    "person__id_number",
    "person__gender",
    "person__birth_date",
    "person__phone",
    "household__address__full_text",
)


def residents_for_linkage(
    *,
    code_range: tuple[int, int] | None,
    key: tuple[str, Collection[str]] | None = None,
) -> Iterator[tuple[object, ...]]:
    """Current residents as ``LINKAGE_COLUMNS`` tuples, streamed, for record linkage.

    ``code_range`` limits them to the importer's jurisdiction (None: the whole registry, for
    the system actor's nightly feeds); ``key`` to those whose ``name`` or ``id_number`` is one of
    the values. The caller has checked the importer's right to link.
    """
    memberships = Membership.objects.current()
    if code_range is not None:
        memberships = memberships.filter(household__division__code__range=code_range)
    if key is not None:
        field, values = key
        if field not in ("name", "id_number"):
            raise ValueError(f"linkage key {field!r}")
        memberships = memberships.filter(**{f"person__{field}__in": list(values)})
    return memberships.values_list(*LINKAGE_COLUMNS).iterator(chunk_size=20_000)


def household_get(*, household_id: uuid.UUID) -> Household | None:
    """The household with its 村社 loaded, or None. The caller checks access."""
    return Household.objects.select_related("division").filter(pk=household_id).first()


def household_divisions(*, household_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Household id → its 村社 code, one query."""
    rows = Household.objects.filter(pk__in=list(household_ids)).values_list("pk", "division_id")
    return dict(rows)


def household_members(*, household_id: uuid.UUID) -> list[Membership]:
    """The household's current members with their persons, in 户口簿 order (head first)."""
    return list(
        Membership.objects.current()
        .filter(household_id=household_id)
        .select_related("person")
        .order_by(*MEMBER_ORDER)
    )


def household_head(*, household_id: uuid.UUID) -> Membership | None:
    """The household's current head with the person, or None."""
    heads = Membership.objects.current().filter(household_id=household_id, relation=Relation.HEAD)
    return heads.select_related("person").first()


def current_members_prefetch(
    *, heads_only: bool = False, with_households: bool = False
) -> QuerySet[Membership]:
    """Current memberships with their persons, as the queryset of another app's ``Prefetch``
    (a list would defeat the prefetch). ``with_households`` loads each household's address and
    村社 as well."""
    members = Membership.objects.current().select_related("person")
    if heads_only:
        members = members.filter(relation=Relation.HEAD)
    if with_households:
        members = members.select_related("household__address", "household__division")
    return members


def members_with_id_numbers(
    *, household_ids: Collection[uuid.UUID]
) -> list[tuple[uuid.UUID, str, str]]:
    """(household id, name, ID number) of the current members who have an ID number,
    households by number and members in 户口簿 order. The caller checks access and never logs
    them."""
    rows = (
        Membership.objects.current()
        .filter(household_id__in=list(household_ids))
        .exclude(person__id_number="")
        .order_by("household__number", *MEMBER_ORDER)
        .values_list("household_id", "person__name", "person__id_number")
    )
    return list(rows)


def persons_by_id_number(*, id_numbers: Collection[str]) -> dict[str, list[uuid.UUID]]:
    """ID number → the persons recorded with it (more than one is a registry error)."""
    found: dict[str, list[uuid.UUID]] = {}
    rows = Person.objects.filter(id_number__in=list(id_numbers)).values_list("id_number", "id")
    for number, person_id in rows:
        found.setdefault(number, []).append(person_id)
    return found


def persons_existing(*, person_ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
    """Those of ``person_ids`` the registry knows."""
    if not person_ids:
        return set()
    return set(Person.objects.filter(pk__in=list(person_ids)).values_list("pk", flat=True))


def living_residents_with_id(*, id_number: str, limit: int = 2) -> list[tuple[uuid.UUID, str]]:
    """(person id, phone) of living persons with this ID number in an active household."""
    rows = Person.objects.filter(
        id_number=id_number,
        status=PersonStatus.ALIVE,
        memberships__ended_on__isnull=True,
        memberships__household__status=HouseholdStatus.ACTIVE,
    ).values_list("pk", "phone")
    return list(rows[:limit])


def living_membership(*, person_id: uuid.UUID) -> Membership | None:
    """The current membership, with the person, of a living person in an active household."""
    return (
        Membership.objects.current()
        .filter(
            person_id=person_id,
            person__status=PersonStatus.ALIVE,
            household__status=HouseholdStatus.ACTIVE,
        )
        .select_related("person")
        .first()
    )


def household_numbers(household_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Household id → 户号, for naming households in the audit log; one query, unscoped
    (the log itself is scoped by division)."""
    return dict(Household.objects.filter(pk__in=household_ids).values_list("pk", "number"))
