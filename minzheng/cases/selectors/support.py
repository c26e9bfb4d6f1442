"""Whether households already receive or apply for assistance, for other apps (ADR 0032).

预警监测 judges a shock differently for a household already paid, and 主动发现 leaves out
households that are paid or have an application in progress; they ask here instead of reading
the cases models.
"""

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from minzheng.cases.enums import ScheduleStatus
from minzheng.cases.models import Application, PaymentSchedule


def households_receiving(
    *, household_ids: Iterable[uuid.UUID] | QuerySet[Any, Any], month: dt.date
) -> set[uuid.UUID]:
    """Those of ``household_ids`` (a list or a subquery of ids) with a schedule paying in
    ``month`` (its first day)."""
    rows = PaymentSchedule.objects.paying_in(month).filter(
        household_id__in=household_ids, status=ScheduleStatus.ACTIVE
    )
    return set(rows.values_list("household_id", flat=True))


def receiving_or_applying(*, household: OuterRef, month: dt.date) -> Q:
    """A filter for another app's query: its household (``household``, an OuterRef to a
    household id) has an active schedule not ended before ``month`` or an application in
    progress."""
    paying = PaymentSchedule.objects.filter(
        Q(end_month__isnull=True) | Q(end_month__gte=month),
        household_id=household,
        status=ScheduleStatus.ACTIVE,
    )
    applying = Application.objects.open().filter(household_id=household)
    return Q(Exists(paying)) | Q(Exists(applying))


def household_applications(*, household_id: uuid.UUID, limit: int) -> list[tuple[str, str]]:
    """(number, status label) of the household's latest applications, newest first."""
    rows = (
        Application.objects.filter(household_id=household_id)
        .only("id", "number", "status")
        .order_by("-created_at")[:limit]
    )
    return [(row.number, str(row.get_status_display())) for row in rows]


def household_application_find(
    *, household_id: uuid.UUID, reference: str
) -> tuple[uuid.UUID, str] | None:
    """(id, number) of the household's application whose id or number is ``reference``."""
    try:
        match = Q(pk=uuid.UUID(reference))
    except ValueError:
        match = Q(number=reference)
    row = (
        Application.objects.filter(match, household_id=household_id)
        .values_list("id", "number")
        .first()
    )
    return (row[0], row[1]) if row else None
