"""Reads of the registry, always scoped to the actor's jurisdiction."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from minzheng.accounts.enums import Capability
from minzheng.accounts.permissions import Actor, jurisdiction_range
from minzheng.addresses.selectors import address_ids_containing
from minzheng.core.enums import AuditAction
from minzheng.core.models import AuditEvent
from minzheng.divisions.models import Division
from minzheng.divisions.selectors import division_lineage
from minzheng.registry.enums import SearchField
from minzheng.registry.identifiers import normalise
from minzheng.registry.models import Household, Membership
from minzheng.registry.search import classify_query
from minzheng.registry.services.households import HOUSEHOLD_TARGET
from minzheng.registry.services.persons import PERSON_TARGET

WRITE_ACTIONS = (AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE)


@dataclass(frozen=True)
class SearchPage:
    households: Sequence[Household]
    field: SearchField
    page: int
    has_next: bool


# Household or address ids in display order: a lazy queryset or a short list.
Hits = QuerySet[Any, uuid.UUID] | list[uuid.UUID]


def _member_hits(field: SearchField, query: str, scope: tuple[int, int]) -> Hits:
    """Household ids of matching current members, lazily, in a stable display order.

    Names and initials are ordered by the index they are matched on (with the person id to
    break ties), so a page stops after its rows however many thousand people match; ordering
    all matches by household number cost 1.3 s for the initial "l" in a county.
    """
    members = Membership.objects.current().filter(household__division__code__range=scope)
    if field == SearchField.NAME:
        hits = members.filter(person__name__prefix=query).order_by("person__name", "person__id")
    elif field == SearchField.INITIALS:
        hits = members.filter(person__name_initials__prefix=query.lower()).order_by(
            "person__name_initials", "person__id"
        )
    elif field == SearchField.ID_NUMBER:
        hits = members.filter(person__id_number=normalise(query)).order_by("household__number")
    else:
        # Two exact lookups, each on its own index; an OR of them scans every household.
        phone = query.replace("-", "").replace(" ", "")
        own = Household.objects.in_division_range(*scope).filter(phone=phone)
        by_member = members.filter(person__phone=phone).values_list("household_id", flat=True)
        return sorted({*own.values_list("pk", flat=True), *by_member}, key=str)
    return hits.values_list("household_id", flat=True)


def _window(hits: Hits, page: int, page_size: int) -> list[uuid.UUID]:
    """The page's hits plus one, to tell whether another page follows."""
    return list(hits[(page - 1) * page_size : page * page_size + 1])


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
    if chosen == SearchField.ADDRESS:
        # A substring match reads every address once; driving from the addresses (not a join
        # from households, which looks each address up at random) keeps that one scan.
        addresses = address_ids_containing(text=query, division_range=(low, high))
        window = _window(addresses.order_by("full_text"), page, page_size)
        homes = scoped.filter(address_id__in=window[:page_size])
        rank_of = attrgetter("address_id")
    else:
        window = _window(_member_hits(chosen, query, (low, high)), page, page_size)
        homes = scoped.filter(pk__in=window[:page_size])
        rank_of = attrgetter("pk")
    # First appearance in the window decides a household's place on the page.
    rank = {hit: index for index, hit in reversed(list(enumerate(window)))}
    rows = list(
        homes.select_related("division", "address").prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.current()
                .select_related("person")
                .order_by("started_on"),
                to_attr="current_members",
            )
        )
    )
    rows.sort(key=lambda home: (rank[rank_of(home)], home.number))
    return SearchPage(rows, chosen, page, has_next=len(window) > page_size)


@dataclass(frozen=True)
class HouseholdDetail:
    household: Household
    members: list[Membership]
    lineage: list[Division]
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
        .order_by("started_on", "person__birth_date")
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
