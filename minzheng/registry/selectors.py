"""Reads of the registry, always scoped to the actor's jurisdiction."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from minzheng.accounts.enums import Capability
from minzheng.accounts.permissions import Actor, jurisdiction_range
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


def _matching(
    households: QuerySet[Household], field: SearchField, query: str
) -> QuerySet[Household]:
    members = Membership.objects.current()
    if field == SearchField.NAME:
        return households.filter(
            pk__in=members.filter(person__name__prefix=query).values("household_id")
        )
    if field == SearchField.INITIALS:
        return households.filter(
            pk__in=members.filter(person__name_initials__prefix=query.lower()).values(
                "household_id"
            )
        )
    if field == SearchField.ID_NUMBER:
        return households.filter(
            pk__in=members.filter(person__id_number=normalise(query)).values("household_id")
        )
    if field == SearchField.PHONE:
        phone = query.replace("-", "").replace(" ", "")
        return households.filter(
            Q(phone=phone) | Q(pk__in=members.filter(person__phone=phone).values("household_id"))
        )
    return households.filter(address__full_text__contains=query)


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
    over hundreds of thousands of households would cost more than the page itself.
    """
    low, high = jurisdiction_range(actor=actor, capability=Capability.REGISTRY_VIEW)
    query = query.strip()
    chosen = classify_query(query) if field == SearchField.AUTO else field
    if not query:
        return SearchPage([], chosen, 1, has_next=False)
    page = max(page, 1)
    scoped = Household.objects.in_division_range(low, high)
    rows = list(
        _matching(scoped, chosen, query)
        .select_related("division", "address")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.current()
                .select_related("person")
                .order_by("started_on"),
                to_attr="current_members",
            )
        )
        .order_by("number")[(page - 1) * page_size : page * page_size + 1]
    )
    return SearchPage(rows[:page_size], chosen, page, has_next=len(rows) > page_size)


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
