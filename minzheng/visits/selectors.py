"""Reads of the visits app: the due list, a household's plan, the wish list for charity."""

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q

from minzheng.accounts.permissions import Actor
from minzheng.core.clock import day_start
from minzheng.registry.enums import Relation
from minzheng.registry.selectors import current_members_prefetch, household_members
from minzheng.visits.enums import WishStatus
from minzheng.visits.models import Visit, VisitPlan, Wish
from minzheng.visits.permissions import visit_scope, wish_scope
from minzheng.visits.plans import DUE_WINDOW

if TYPE_CHECKING:
    from minzheng.registry.models import Household

DUE_LIST_LIMIT = 200
WISH_LIST_LIMIT = 200

_HEADS = Prefetch(
    "household__memberships",
    queryset=current_members_prefetch(heads_only=True),
    to_attr="heads",
)


@dataclass(frozen=True)
class DueRow:
    plan: VisitPlan
    is_overdue: bool


def visit_due_list(*, actor: Actor, moment: dt.datetime) -> list[DueRow]:
    """Plans in the actor's jurisdiction due within ``DUE_WINDOW`` of ``moment``, overdue first.

    Two queries whatever the number of rows (plans with household and 村社, then the heads).
    Ordered by deadline, so overdue plans, whose deadline has passed, come first.
    """
    low, high = visit_scope(actor=actor)
    plans = (
        VisitPlan.objects.in_division_range(low, high)
        .due_before(moment + DUE_WINDOW)
        .select_related("household", "division")
        .prefetch_related(_HEADS)
        .order_by("next_due_at", "household__number")[:DUE_LIST_LIMIT]
    )
    return [DueRow(plan=plan, is_overdue=plan.is_overdue(moment)) for plan in plans]


def visit_plan_for_household(*, household: "Household") -> VisitPlan | None:
    """The household's plan; call only with a household from ``access_visit_household``."""
    return VisitPlan.objects.filter(household=household).first()


@dataclass(frozen=True)
class WishRow:
    """A wish as charity staff see it: what, how much, which 村社; never who."""

    item: str
    estimated_value: Decimal
    division_name: str
    status: str
    status_label: str


def wish_list(*, actor: Actor) -> Sequence[WishRow]:
    """Public wishes in the actor's jurisdiction, open ones first; one query.

    Only the columns charity staff may see are read, so identity cannot reach the page.
    """
    low, high = wish_scope(actor=actor)
    rows = (
        Wish.objects.in_division_range(low, high)
        .public()
        .order_by("status", "-created_at")
        .values_list("item", "estimated_value", "division__name", "status")[:WISH_LIST_LIMIT]
    )
    labels = dict(WishStatus.choices)
    return [
        WishRow(
            item=item,
            estimated_value=value,
            division_name=division_name,
            status=status,
            status_label=str(labels.get(status, status)),
        )
        for item, value, division_name, status in rows
    ]


def household_head_names(*, household: "Household") -> list[str]:
    """The names of the household's current heads, as the registry's household page shows."""
    members = household_members(household_id=household.pk)
    return [member.person.name for member in members if member.relation == Relation.HEAD]


def household_visit_exists(*, household_id: uuid.UUID, visit_id: uuid.UUID) -> bool:
    """Whether ``visit_id`` is a visit of this household."""
    return Visit.objects.filter(pk=visit_id, household_id=household_id).exists()


def household_latest_visits(
    *, household_id: uuid.UUID, limit: int
) -> list[tuple[uuid.UUID, dt.datetime, str]]:
    """(visit id, when, mode label) of the household's latest visits, newest first."""
    rows = (
        Visit.objects.filter(household_id=household_id)
        .only("id", "visited_at", "mode")
        .order_by("-visited_at")[:limit]
    )
    return [(row.pk, row.visited_at, str(row.get_mode_display())) for row in rows]


def plan_counts(*, as_of: dt.date) -> list[Mapping[str, object]]:
    """Per 村社 (``division_id``): ``visit_plans`` and ``visits_overdue`` (due before ``as_of``)."""
    # VisitPlan.due_on < as_of  ⇔  next_due_at ≤ local midnight starting as_of.
    rows = (
        VisitPlan.objects.order_by()
        .values("division_id")
        .annotate(
            visit_plans=Count("id"),
            visits_overdue=Count("id", filter=Q(next_due_at__lte=day_start(as_of))),
        )
    )
    return list(rows)


def recent_visit_counts(*, as_of: dt.date, days: int) -> list[Mapping[str, object]]:
    """Per 村社 (``division_id``): ``visits_recent``, visits in the ``days`` ending ``as_of``."""
    rows = (
        Visit.objects.filter(
            visited_at__gte=day_start(as_of - dt.timedelta(days=days - 1)),
            visited_at__lt=day_start(as_of + dt.timedelta(days=1)),
        )
        .order_by()
        .values("division_id")
        .annotate(visits_recent=Count("id"))
    )
    return list(rows)
