"""发放计划: what a granted cash item owes the household, month by month.

A schedule says what is owed; the payment backbone (``minzheng.payments``) pays it through
batches checked and approved by three people, and only a bank's return marks a month paid.
"""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Q

from minzheng.cases.enums import ItemKind, ScheduleStatus
from minzheng.cases.models import Application, ApplicationItem, PaymentSchedule
from minzheng.core.months import month_before


def payment_schedules_create(
    *, application: Application, rows: Sequence[ApplicationItem], decided_on: dt.date
) -> list[PaymentSchedule]:
    """A schedule per granted cash item: monthly ones from the application's start month.

    A one-off item (临时救助) is owed once, in the month of the decision, so the next batch
    pays it instead of waiting for the month monthly benefits start. A schedule of the same
    monthly item still running for the household ends the month before: a new decision
    replaces the old amount rather than paying both.
    """
    start = application.start_month
    if start is None:
        raise ValueError("only an approved application has payment schedules")
    created = []
    for row in rows:
        if row.item.kind == ItemKind.ONE_OFF:
            month = decided_on.replace(day=1)
            created.append(_create(application, row, start=month, end=month))
            continue
        running = PaymentSchedule.objects.select_for_update().filter(
            Q(end_month__isnull=True) | Q(end_month__gte=start),
            household_id=application.household_id,
            item_id=row.item_id,
            status=ScheduleStatus.ACTIVE,
        )
        for old in running:
            old.end_month = max(month_before(start), old.start_month)
            old.status = ScheduleStatus.STOPPED
            old.save(update_fields=["end_month", "status", "updated_at"])
        created.append(_create(application, row, start=start, end=None))
    return created


def _create(
    application: Application, row: ApplicationItem, *, start: dt.date, end: dt.date | None
) -> PaymentSchedule:
    return PaymentSchedule.objects.create(
        household_id=application.household_id,
        application_item=row,
        item_id=row.item_id,
        monthly_amount=row.granted_amount or Decimal("0.00"),
        start_month=start,
        end_month=end,
    )
