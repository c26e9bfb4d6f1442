"""The ledger of a month within the reader's jurisdiction, for the payments page."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from minzheng.accounts.enums import Capability
from minzheng.accounts.permissions import Actor, jurisdiction_range
from minzheng.cases.enums import LedgerStatus
from minzheng.cases.models import PaymentLedgerEntry, PaymentSchedule


@dataclass(frozen=True)
class MonthSummary:
    month: dt.date
    schedules_due: int
    scheduled: int
    paid: int
    paid_total: Decimal


def payment_month_summary(*, actor: Actor, month: dt.date) -> MonthSummary:
    """Counts and the paid total of ``month`` in the actor's jurisdiction; two queries."""
    low, high = jurisdiction_range(actor=actor, capability=Capability.PAYMENT_MANAGE)
    month = month.replace(day=1)
    counts = PaymentLedgerEntry.objects.filter(
        month=month, schedule__household__division__code__range=(low, high)
    ).aggregate(
        scheduled=Count("id", filter=Q(status=LedgerStatus.SCHEDULED)),
        paid=Count("id", filter=Q(status=LedgerStatus.PAID)),
        total=Sum("amount", filter=Q(status=LedgerStatus.PAID)),
    )
    due = PaymentSchedule.objects.paying_in(month).filter(
        household__division__code__range=(low, high)
    )
    return MonthSummary(
        month=month,
        schedules_due=due.count(),
        scheduled=counts["scheduled"] or 0,
        paid=counts["paid"] or 0,
        paid_total=Decimal(counts["total"] or 0).quantize(Decimal("0.01")),
    )
