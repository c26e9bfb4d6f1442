"""Reads of the visits app: the due list, a household's plan and visits, the wish lists."""

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from minzheng.accounts.permissions import Actor
from minzheng.core.clock import day_start
from minzheng.registry.enums import Relation
from minzheng.registry.selectors import current_members_prefetch, household_members
from minzheng.visits.enums import VisitMode, WishPrivacy, WishStatus
from minzheng.visits.models import Visit, VisitPlan, Wish
from minzheng.visits.permissions import visit_scope, wish_scope
from minzheng.visits.plans import DUE_WINDOW

if TYPE_CHECKING:
    from minzheng.registry.models import Household

DUE_LIST_LIMIT = 200
WISH_LIST_LIMIT = 200
HOUSEHOLD_VISITS_LIMIT = 20

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

    wish_id: uuid.UUID
    item: str
    estimated_value: Decimal
    division_name: str
    status: str
    status_label: str

    @property
    def is_open(self) -> bool:
        return self.status == WishStatus.OPEN


def wish_list(*, actor: Actor) -> Sequence[WishRow]:
    """Public wishes in the actor's jurisdiction, open ones first; one query.

    Only the columns charity staff may see are read, so identity cannot reach the page.
    """
    low, high = wish_scope(actor=actor)
    rows = (
        Wish.objects.in_division_range(low, high)
        .public()
        .order_by("status", "-created_at")
        .values_list("id", "item", "estimated_value", "division__name", "status")[:WISH_LIST_LIMIT]
    )
    return [
        WishRow(
            wish_id=wish_id,
            item=item,
            estimated_value=value,
            division_name=division_name,
            status=status,
            status_label=str(WishStatus(status).label),
        )
        for wish_id, item, value, division_name, status in rows
    ]


@dataclass(frozen=True)
class RaisedWish:
    """A wish as the staff who raised it, or who visit its household, follow it."""

    household_id: uuid.UUID
    household_number: str
    item: str
    estimated_value: Decimal
    privacy_label: str
    status_label: str
    raised_on: dt.date


def _raised(wishes: "QuerySet[Wish]") -> list[RaisedWish]:
    rows = wishes.order_by("-created_at").values_list(
        "household_id",
        "household__number",
        "item",
        "estimated_value",
        "privacy_level",
        "status",
        "created_at",
    )[:WISH_LIST_LIMIT]
    return [
        RaisedWish(
            household_id=household_id,
            household_number=number,
            item=item,
            estimated_value=value,
            privacy_label=str(WishPrivacy(privacy).label),
            status_label=str(WishStatus(status).label),
            raised_on=timezone.localdate(created_at),
        )
        for household_id, number, item, value, privacy, status, created_at in rows
    ]


def wishes_raised_by(*, actor: Actor) -> list[RaisedWish]:
    """The wishes the actor raised on visits inside its jurisdiction, newest first; one query.

    Raises PermissionDenied for staff who record no visits.
    """
    low, high = visit_scope(actor=actor)  # a staff user from here on
    raised = Wish.objects.in_division_range(low, high).filter(visit__visitor_id=actor.pk)
    return _raised(raised)


def household_wishes(*, household: "Household") -> list[RaisedWish]:
    """The household's wishes, public or not; call with a household from
    ``access_visit_household``."""
    return _raised(Wish.objects.filter(household=household))


@dataclass(frozen=True)
class VisitLine:
    visited_at: dt.datetime
    mode_label: str
    visitor: str
    findings: str
    next_due_on: dt.date


def household_visits(*, household: "Household") -> list[VisitLine]:
    """The household's latest visits, newest first; call with a household from
    ``access_visit_household``. One query."""
    rows = (
        Visit.objects.filter(household=household)
        .order_by("-visited_at")
        .values_list("visited_at", "mode", "visitor__username", "findings", "next_due_at")[
            :HOUSEHOLD_VISITS_LIMIT
        ]
    )
    return [
        VisitLine(
            visited_at=visited_at,
            mode_label=str(VisitMode(mode).label),
            visitor=visitor,
            findings=findings,
            # Stored as the start of the day after the last day on time (``VisitPlan.due_on``).
            next_due_on=timezone.localdate(next_due_at - dt.timedelta(microseconds=1)),
        )
        for visited_at, mode, visitor, findings, next_due_at in rows
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
