"""What households are owed, for the payment backbone: schedules as columns, never models.

The backbone (``minzheng.payments``) turns these into the months still to pay; it reads no
cases model. ``first_month`` is the first month this system pays (the later of the schedule's
start and its ``payable_from``), ``end_month`` NaT while the schedule runs.
"""

import datetime as dt
import uuid
from collections.abc import Collection

import pandas as pd
from django.db.models import Q

from minzheng.cases.models import PaymentSchedule

SCHEDULE_COLUMNS = [
    "schedule_id",
    "household_id",
    "division_code",
    "item_id",
    "item_kind",
    "item_name",
    "monthly_amount",
    "first_month",
    "end_month",
]


def _frame(rows: list[tuple[object, ...]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows,
        columns=[
            "schedule_id",
            "household_id",
            "division_code",
            "item_id",
            "item_kind",
            "item_name",
            "monthly_amount",
            "start_month",
            "payable_from",
            "end_month",
        ],
    )
    start = pd.to_datetime(frame["start_month"])
    payable = pd.to_datetime(frame["payable_from"])
    frame["first_month"] = payable.where(payable > start, start)
    frame["end_month"] = pd.to_datetime(frame["end_month"])
    return frame[SCHEDULE_COLUMNS]


_FIELDS = (
    "pk",
    "household_id",
    "household__division_id",
    "item_id",
    "item__kind",
    "item__name",
    "monthly_amount",
    "start_month",
    "payable_from",
    "end_month",
)


def schedules_owing(*, low: int, high: int, month: dt.date) -> pd.DataFrame:
    """Every schedule of households in the division range that owes a month up to ``month``.

    That is a schedule that has started by ``month`` and has a positive amount; whether its
    months are paid is the backbone's to know. One query.
    """
    rows = list(
        PaymentSchedule.objects.filter(
            household__division__code__range=(low, high),
            start_month__lte=month,
            monthly_amount__gt=0,
        )
        .filter(Q(payable_from__isnull=True) | Q(payable_from__lte=month))
        .values_list(*_FIELDS)
    )
    return _frame(rows)


def schedules_by_id(*, schedule_ids: Collection[uuid.UUID]) -> pd.DataFrame:
    """The given schedules as columns (for recoveries: the months each one owes). One query."""
    return _frame(
        list(PaymentSchedule.objects.filter(pk__in=list(schedule_ids)).values_list(*_FIELDS))
    )
