"""Reads of the visits app: the due list, a household's plan, the wish list for charity."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from minzheng.accounts.permissions import Actor
from minzheng.registry.enums import Relation
from minzheng.registry.models import Household, Membership
from minzheng.visits.enums import WishStatus
from minzheng.visits.models import VisitPlan, Wish
from minzheng.visits.permissions import visit_scope, wish_scope
from minzheng.visits.plans import DUE_WINDOW

DUE_LIST_LIMIT = 200
WISH_LIST_LIMIT = 200

_HEADS = Prefetch(
    "household__memberships",
    queryset=Membership.objects.current().filter(relation=Relation.HEAD).select_related("person"),
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


def visit_plan_for_household(*, household: Household) -> VisitPlan | None:
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


def household_head_names(*, household: Household) -> list[str]:
    """The names of the household's current heads, as the registry's household page shows."""
    return list(
        Membership.objects.current()
        .filter(household=household, relation=Relation.HEAD)
        .values_list("person__name", flat=True)
    )
