"""发放: schedules for granted cash items and the monthly run that writes the ledger.

The ledger has one row per (schedule, month), enforced by a unique constraint, so a month run
can be repeated, interrupted and restarted: it adds only the rows that are missing and pays
only the rows still scheduled (ADR 0010).
"""

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, Sum

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import jurisdiction_range
from minzheng.cases.enums import ItemKind, LedgerStatus, ScheduleStatus
from minzheng.cases.models import (
    Application,
    ApplicationItem,
    PaymentLedgerEntry,
    PaymentSchedule,
)
from minzheng.core.audit import audit_record
from minzheng.core.clock import now
from minzheng.core.enums import AuditAction
from minzheng.core.months import month_before

logger = logging.getLogger(__name__)
PAYMENT_RUN_TARGET = "cases.payment_run"
BATCH = 1000
CENT = Decimal("0.01")


def payment_schedules_create(
    *, application: Application, rows: Sequence[ApplicationItem]
) -> list[PaymentSchedule]:
    """A schedule per granted cash item from the application's start month.

    A schedule of the same item still running for the household ends the month before: a
    new decision replaces the old amount rather than paying both.
    """
    start = application.start_month
    if start is None:
        raise ValueError("only an approved application has payment schedules")
    created = []
    for row in rows:
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
        created.append(
            PaymentSchedule.objects.create(
                household_id=application.household_id,
                application_item=row,
                item_id=row.item_id,
                monthly_amount=row.granted_amount or Decimal("0.00"),
                start_month=start,
                end_month=start if row.item.kind == ItemKind.ONE_OFF else None,
            )
        )
    return created


@dataclass(frozen=True)
class PaymentRun:
    month: dt.date
    schedules: int
    created: int
    paid: int
    amount_paid: Decimal


@transaction.atomic
def payment_month_run(
    *,
    actor: User | None,
    month: dt.date,
    progress: Callable[[int, int], None] | None = None,
) -> PaymentRun:
    """Write the ledger of ``month`` and mark its scheduled entries paid; repeatable.

    ``actor`` None is the system (the command without ``--user``, a scheduled job) and covers
    the whole register; a user covers the households of their jurisdiction and needs the
    payment capability. ``progress`` is told (done, total) after each batch of schedules.
    """
    month = month.replace(day=1)
    schedules = PaymentSchedule.objects.paying_in(month)
    entries = PaymentLedgerEntry.objects.filter(month=month)
    if actor is not None:
        low, high = jurisdiction_range(actor=actor, capability=Capability.PAYMENT_MANAGE)
        schedules = schedules.filter(household__division__code__range=(low, high))
        entries = entries.filter(schedule__household__division__code__range=(low, high))
    due = list(schedules.order_by("id").values_list("id", "monthly_amount"))
    before = entries.count()
    for offset in range(0, len(due), BATCH):
        batch = due[offset : offset + BATCH]
        PaymentLedgerEntry.objects.bulk_create(
            [
                PaymentLedgerEntry(schedule_id=schedule_id, month=month, amount=amount)
                for schedule_id, amount in batch
            ],
            ignore_conflicts=True,
        )
        if progress is not None:
            progress(offset + len(batch), len(due))
    created = entries.count() - before
    scheduled = entries.filter(status=LedgerStatus.SCHEDULED)
    total = scheduled.aggregate(total=Sum("amount"))["total"] or 0
    amount = Decimal(total).quantize(CENT)
    paid = scheduled.update(status=LedgerStatus.PAID, paid_at=now())
    run = PaymentRun(month, len(due), created, paid, amount if paid else Decimal("0.00"))
    logger.info(
        "cases.payment.month_run",
        extra={
            "month": f"{month:%Y-%m}",
            "schedules": len(due),
            "entries_created": created,
            "paid": paid,
        },
    )
    if created or paid:
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target_type=PAYMENT_RUN_TARGET,
            target_id=f"{month:%Y-%m}",
            changes={
                "step": "payment",
                "month": f"{month:%Y-%m}",
                "created": created,
                "paid": paid,
                "amount": str(run.amount_paid),
            },
        )
    return run
