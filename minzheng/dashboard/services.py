"""The dashboard's refresh: 预警 and 探访 figures per 村社, computed with GROUP BY queries.

``loop_tallies_refresh`` replaces every ``LoopTally`` and ``LeadTimeTally`` row in one
transaction, so the page reads either the previous refresh or this one, never a mix. It runs
hourly (config/schedules.py) after the monitoring sweep, and at the end of the demo seed. A
warning closed between two refreshes shows in the figures from the next one; the page shows
when the figures were computed.
"""

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import cast

import pandas as pd
from django.db import transaction
from django.db.models import Count, F, Min, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from minzheng.core.clock import now
from minzheng.dashboard.models import LeadTimeTally, LoopTally
from minzheng.monitoring.enums import Outcome, WarningStatus
from minzheng.monitoring.models import MonitoringEvent, Warning
from minzheng.visits.models import Visit, VisitPlan

logger = logging.getLogger(__name__)

# Warnings closed (and lead times measured) over the year ending the refresh day.
CLOSED_PERIOD_DAYS = 365
# Visits recorded over the 30 days ending the refresh day.
VISIT_PERIOD_DAYS = 30
# LoopTally column of the warnings closed with each outcome, in Outcome order.
OUTCOME_COLUMNS: dict[str, str] = {
    Outcome.NOT_IN_DIFFICULTY: "closed_not_in_difficulty",
    Outcome.ASSISTED: "closed_assisted",
    Outcome.REFERRED: "closed_referred",
    Outcome.CHARITY: "closed_charity",
}

Counts = dict[int, dict[str, int]]  # 村社 code → LoopTally column → value


@dataclass(frozen=True)
class LoopRefresh:
    divisions: int  # LoopTally rows written: one per 村社 with any figure
    warnings_open: int
    warnings_closed: int
    lead_warnings: int  # warnings in the lead-time histogram
    lead_rows: int  # LeadTimeTally rows written


def _day_start(day: dt.date) -> dt.datetime:
    """Local midnight at the start of ``day``."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def _merge(counts: Counts, rows: Iterable[Mapping[str, object]], *, key: str) -> None:
    """Add GROUP BY rows (``key`` → 村社 code, other columns → counts) to ``counts``."""
    for row in rows:
        code = cast(int, row[key])
        counts[code].update(
            {column: cast(int, value) for column, value in row.items() if column != key}
        )


def _open_warnings(counts: Counts, *, as_of: dt.date) -> None:
    rows = (
        Warning.objects.filter(status=WarningStatus.OPEN)
        .order_by()
        .values("division_code")
        .annotate(
            warnings_open=Count("id"),
            warnings_overdue=Count("id", filter=Q(due_on__lt=as_of)),
        )
    )
    _merge(counts, rows, key="division_code")


def _closed_warnings(counts: Counts, *, first: dt.datetime, after: dt.datetime) -> None:
    by_outcome = {
        column: Count("id", filter=Q(outcome=outcome))
        for outcome, column in OUTCOME_COLUMNS.items()
    }
    rows = (
        Warning.objects.filter(
            status=WarningStatus.CLOSED, closed_at__gte=first, closed_at__lt=after
        )
        .order_by()
        .values("division_code")
        .annotate(
            warnings_closed=Count("id"),
            # The local day of closing, against the due date before any escalation.
            closed_on_time=Count(
                "id", filter=LessThanOrEqual(TruncDate("closed_at"), F("first_due_on"))
            ),
            **by_outcome,
        )
    )
    _merge(counts, rows, key="division_code")


def _visits(counts: Counts, *, as_of: dt.date) -> None:
    # VisitPlan.due_on < as_of  ⇔  next_due_at ≤ local midnight starting as_of.
    plans = (
        VisitPlan.objects.order_by()
        .values("division_id")
        .annotate(
            visit_plans=Count("id"),
            visits_overdue=Count("id", filter=Q(next_due_at__lte=_day_start(as_of))),
        )
    )
    _merge(counts, plans, key="division_id")
    recent = (
        Visit.objects.filter(
            visited_at__gte=_day_start(as_of - dt.timedelta(days=VISIT_PERIOD_DAYS - 1)),
            visited_at__lt=_day_start(as_of + dt.timedelta(days=1)),
        )
        .order_by()
        .values("division_id")
        .annotate(visits_recent=Count("id"))
    )
    _merge(counts, recent, key="division_id")


def _lead_days(*, first: dt.datetime, after: dt.datetime) -> pd.DataFrame:
    """(division_code, days, warnings): event → assistance decision, in local calendar days.

    One GROUP BY over the assisted warnings closed in the period with a decided application,
    by 村社, earliest event day and decision day; the subtraction is vectorised.
    """
    earliest = (
        MonitoringEvent.objects.filter(warning=OuterRef("pk"))
        .order_by()
        .values("warning")
        .annotate(day=Min("occurred_on"))
        .values("day")
    )
    grouped = pd.DataFrame(
        list(
            Warning.objects.filter(
                status=WarningStatus.CLOSED,
                closed_at__gte=first,
                closed_at__lt=after,
                outcome=Outcome.ASSISTED,
                application__decided_at__isnull=False,
            )
            .order_by()
            .annotate(event_on=Subquery(earliest), decided_on=TruncDate("application__decided_at"))
            .values("division_code", "event_on", "decided_on")
            .annotate(n=Count("id"))
            .values_list("division_code", "event_on", "decided_on", "n")
        ),
        columns=["division_code", "event_on", "decided_on", "n"],
    ).dropna(subset=["event_on"])
    if grouped.empty:
        return pd.DataFrame({"division_code": [], "days": [], "warnings": []}, dtype="int64")
    grouped["days"] = (
        pd.to_datetime(grouped["decided_on"]) - pd.to_datetime(grouped["event_on"])
    ).dt.days
    return (
        grouped.groupby(["division_code", "days"], as_index=False)["n"]
        .sum()
        .rename(columns={"n": "warnings"})
    )


def loop_tallies_refresh(*, as_of: dt.date) -> LoopRefresh:
    """Recompute the dashboard's 预警 and 探访 tallies as of ``as_of`` and replace them.

    Six queries to read (open and closed warnings, lead days, plans, visits) whatever the
    county's size, then delete and insert the few thousand rows in one transaction.
    """
    first = _day_start(as_of - dt.timedelta(days=CLOSED_PERIOD_DAYS - 1))
    after = _day_start(as_of + dt.timedelta(days=1))
    counts: Counts = defaultdict(dict)
    _open_warnings(counts, as_of=as_of)
    _closed_warnings(counts, first=first, after=after)
    _visits(counts, as_of=as_of)
    lead = _lead_days(first=first, after=after)
    computed_at = now()
    tallies = [
        LoopTally(division_code=code, computed_on=as_of, computed_at=computed_at, **columns)
        for code, columns in sorted(counts.items())
    ]
    leads = [
        LeadTimeTally(division_code=code, days=days, warnings=warnings, computed_on=as_of)
        for code, days, warnings in zip(
            lead["division_code"].tolist(),
            lead["days"].tolist(),
            lead["warnings"].tolist(),
            strict=True,
        )
    ]
    with transaction.atomic():
        LoopTally.objects.all().delete()
        LeadTimeTally.objects.all().delete()
        LoopTally.objects.bulk_create(tallies, batch_size=2000)
        LeadTimeTally.objects.bulk_create(leads, batch_size=2000)
    result = LoopRefresh(
        divisions=len(tallies),
        warnings_open=sum(t.warnings_open for t in tallies),
        warnings_closed=sum(t.warnings_closed for t in tallies),
        lead_warnings=sum(t.warnings for t in leads),
        lead_rows=len(leads),
    )
    logger.info(
        "dashboard.loop_tallies_refreshed",
        extra={"as_of": as_of.isoformat(), "divisions": result.divisions},
    )
    return result
