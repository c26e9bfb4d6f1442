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

from django.db import transaction

from minzheng.core.clock import day_start, now
from minzheng.dashboard.models import LeadTimeTally, LoopTally
from minzheng.monitoring.enums import Outcome
from minzheng.monitoring.loop import (
    closed_warning_counts,
    lead_days,
    open_warning_counts,
    outcome_column,
)
from minzheng.visits.selectors import plan_counts, recent_visit_counts

logger = logging.getLogger(__name__)

# Warnings closed (and lead times measured) over the year ending the refresh day.
CLOSED_PERIOD_DAYS = 365
# Visits recorded over the 30 days ending the refresh day.
VISIT_PERIOD_DAYS = 30
# LoopTally column of the warnings closed with each outcome, in Outcome order.
OUTCOME_COLUMNS: dict[str, str] = {outcome: outcome_column(outcome) for outcome in Outcome}

Counts = dict[int, dict[str, int]]  # 村社 code → LoopTally column → value


@dataclass(frozen=True)
class LoopRefresh:
    divisions: int  # LoopTally rows written: one per 村社 with any figure
    warnings_open: int
    warnings_closed: int
    lead_warnings: int  # warnings in the lead-time histogram
    lead_rows: int  # LeadTimeTally rows written


def _merge(counts: Counts, rows: Iterable[Mapping[str, object]], *, key: str) -> None:
    """Add GROUP BY rows (``key`` → 村社 code, other columns → counts) to ``counts``."""
    for row in rows:
        code = cast(int, row[key])
        counts[code].update(
            {column: cast(int, value) for column, value in row.items() if column != key}
        )


def loop_tallies_refresh(*, as_of: dt.date) -> LoopRefresh:
    """Recompute the dashboard's 预警 and 探访 tallies as of ``as_of`` and replace them.

    Six queries to read (open and closed warnings, lead days, plans, visits) whatever the
    county's size, then delete and insert the few thousand rows in one transaction.
    """
    first = day_start(as_of - dt.timedelta(days=CLOSED_PERIOD_DAYS - 1))
    after = day_start(as_of + dt.timedelta(days=1))
    counts: Counts = defaultdict(dict)
    _merge(counts, open_warning_counts(as_of=as_of), key="division_code")
    _merge(counts, closed_warning_counts(first=first, after=after), key="division_code")
    _merge(counts, plan_counts(as_of=as_of), key="division_id")
    _merge(counts, recent_visit_counts(as_of=as_of, days=VISIT_PERIOD_DAYS), key="division_id")
    lead = lead_days(first=first, after=after)
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
