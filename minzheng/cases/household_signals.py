"""What the assistance workflow tells the profiles (对象来源, ``docs/domain/profiling.md``):
who is in the register, who left it recently, whose application was refused recently.

Registered as sources of ``profiling.signals`` in ``CasesConfig.ready``; each is one query.
"""

import datetime as dt
import uuid
from collections.abc import Mapping

from django.db.models import Q

from minzheng.cases.enums import ApplicationStatus, ScheduleStatus
from minzheng.cases.models import Application, PaymentSchedule
from minzheng.eligibility.enums import Programme

# 兜底 programmes: a household receiving one is 在册 (兜底型, ``docs/domain/profiling.md``).
SUBSISTENCE_PROGRAMMES = (Programme.TEKUN, Programme.DIBAO, Programme.DIBAO_SINGLE)


def _window_start(day: dt.date, thresholds: Mapping[str, float]) -> dt.date:
    return day - dt.timedelta(days=int(thresholds["source_window_days"]))


def _receiving(day: dt.date) -> set[uuid.UUID]:
    """Households paid a rule-judged benefit in ``day``'s month."""
    return set(
        PaymentSchedule.objects.paying_in(day.replace(day=1))
        .filter(status=ScheduleStatus.ACTIVE)
        .exclude(item__programme="")
        .values_list("household_id", flat=True)
    )


def in_register_counts(day: dt.date, thresholds: Mapping[str, float]) -> dict[uuid.UUID, int]:
    """Households receiving 特困, 低保 or 单人保 this month."""
    rows = (
        PaymentSchedule.objects.paying_in(day.replace(day=1))
        .filter(status=ScheduleStatus.ACTIVE, item__programme__in=SUBSISTENCE_PROGRAMMES)
        .values_list("household_id", flat=True)
    )
    return dict.fromkeys(rows, 1)


def exited_counts(day: dt.date, thresholds: Mapping[str, float]) -> dict[uuid.UUID, int]:
    """Households whose rule-judged benefit ended or stopped in the window, paid none now."""
    start = _window_start(day, thresholds)
    month = day.replace(day=1)
    ended = (
        PaymentSchedule.objects.exclude(item__programme="")
        .filter(
            Q(end_month__gte=start, end_month__lt=month)
            | Q(status=ScheduleStatus.STOPPED, updated_at__date__gte=start)
        )
        .values_list("household_id", flat=True)
    )
    return dict.fromkeys(set(ended) - _receiving(day), 1)


def refused_counts(day: dt.date, thresholds: Mapping[str, float]) -> dict[uuid.UUID, int]:
    """Households with an application refused in the window."""
    rows = Application.objects.filter(
        status=ApplicationStatus.REFUSED,
        decided_at__date__gt=_window_start(day, thresholds),
        decided_at__date__lte=day,
    ).values_list("household_id", flat=True)
    return dict.fromkeys(rows, 1)
