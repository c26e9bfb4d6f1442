"""The public 公示 board of a 村社: who is proposed for what, with names and IDs masked."""

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Prefetch

from minzheng.cases.enums import ApplicationStatus, StepKind
from minzheng.cases.models import Application, ApplicationItem
from minzheng.core.clock import today
from minzheng.divisions.selectors import village_get
from minzheng.registry.enums import Relation
from minzheng.registry.selectors import current_members_prefetch

if TYPE_CHECKING:
    from minzheng.divisions.models import Division
    from minzheng.registry.models import Membership


def name_mask(name: str) -> str:
    """张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明: the first and last character stay."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


@dataclass(frozen=True)
class PublicItem:
    name: str
    amount: Decimal | None  # monthly or one-off cash; None for items that pay nothing


@dataclass(frozen=True)
class PublicEntry:
    application_id: uuid.UUID
    number: str
    head_name_masked: str
    head_id_masked: str
    household_size: int
    items: tuple[PublicItem, ...]
    starts_on: dt.date
    ends_on: dt.date


@dataclass(frozen=True)
class PublicityBoard:
    village: "Division"
    entries: list[PublicEntry]


def _entry(application: Application) -> PublicEntry:
    members: list[Membership] = getattr(application.household, "current_members", [])
    head = next(
        (m for m in members if m.relation == Relation.HEAD), members[0] if members else None
    )
    rows: list[ApplicationItem] = getattr(application, "eligible_items", [])
    return PublicEntry(
        application_id=application.pk,
        number=application.number,
        head_name_masked=name_mask(head.person.name) if head else "",
        head_id_masked=head.person.id_number_masked if head else "",
        household_size=len(members),
        items=tuple(
            PublicItem(
                row.item.name,
                row.proposed_amount if row.item.is_cash and row.proposed_amount else None,
            )
            for row in rows
        ),
        starts_on=application.publicity_starts_on or today(),
        ends_on=application.publicity_ends_on or today(),
    )


def publicity_board(*, village_code: int) -> PublicityBoard | None:
    """Applications of the 村社 under publicity today; None for an unknown 村社. No login.

    Three queries whatever the number of applications: the village, the applications with
    their households' members, their proposed items.
    """
    village = village_get(village_code)
    if village is None:
        return None
    applications = (
        Application.objects.filter(
            division=village,
            status=ApplicationStatus.IN_PROGRESS,
            current_step=StepKind.PUBLICITY,
            publicity_starts_on__lte=today(),
            publicity_ends_on__gte=today(),
        )
        .select_related("household")
        .prefetch_related(
            Prefetch(
                "household__memberships",
                queryset=current_members_prefetch(),
                to_attr="current_members",
            ),
            Prefetch(
                "items",
                queryset=ApplicationItem.objects.filter(eligible=True, item__needs_publicity=True)
                .select_related("item")
                .order_by("item__display_order"),
                to_attr="eligible_items",
            ),
        )
        .order_by("publicity_starts_on", "number")
    )
    return PublicityBoard(village, [_entry(application) for application in applications])
