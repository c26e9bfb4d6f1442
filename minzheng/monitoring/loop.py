"""The measured loop, defined once: warnings open, overdue and closed on time, and the lead
time from the first event to the assistance decision, per 村社.

The dashboard stores these as tallies (``dashboard.services.loop_tallies_refresh``) and the
page sums them; nothing else computes them. GROUP BY queries, whatever the county's size.

- on time: a warning closed (local calendar day) on or before its first due date, the one
  set when it was raised, before any escalation;
- lead days: for a warning closed as 纳入救助 whose application is decided, the local day of
  the decision minus the day of its earliest event.
"""

import datetime as dt
from collections.abc import Mapping

import pandas as pd
from django.db.models import Count, F, Min, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.db.models.lookups import LessThanOrEqual

from minzheng.monitoring.enums import Outcome, WarningStatus
from minzheng.monitoring.models import EarlyWarning, MonitoringEvent


def outcome_column(outcome: Outcome) -> str:
    """The count of warnings closed with ``outcome`` in ``closed_warning_counts`` rows."""
    return f"closed_{outcome.value}"


def open_warning_counts(*, as_of: dt.date) -> list[Mapping[str, object]]:
    """Per 村社 (``division_code``): ``warnings_open`` and ``warnings_overdue`` on ``as_of``."""
    rows = (
        EarlyWarning.objects.filter(status=WarningStatus.OPEN)
        .order_by()
        .values("division_code")
        .annotate(
            warnings_open=Count("id"),
            warnings_overdue=Count("id", filter=Q(due_on__lt=as_of)),
        )
    )
    return list(rows)


def closed_warning_counts(*, first: dt.datetime, after: dt.datetime) -> list[Mapping[str, object]]:
    """Per 村社 (``division_code``), of the warnings closed in [first, after):
    ``warnings_closed``, ``closed_on_time`` and one ``outcome_column`` per outcome."""
    by_outcome = {
        outcome_column(outcome): Count("id", filter=Q(outcome=outcome)) for outcome in Outcome
    }
    rows = (
        EarlyWarning.objects.filter(
            status=WarningStatus.CLOSED, closed_at__gte=first, closed_at__lt=after
        )
        .order_by()
        .values("division_code")
        .annotate(
            warnings_closed=Count("id"),
            closed_on_time=Count(
                "id", filter=LessThanOrEqual(TruncDate("closed_at"), F("first_due_on"))
            ),
            **by_outcome,
        )
    )
    return list(rows)


def lead_days(*, first: dt.datetime, after: dt.datetime) -> pd.DataFrame:
    """(division_code, days, warnings): event → assistance decision, in local calendar days,
    for the assisted warnings closed in [first, after) with a decided application.

    One GROUP BY by 村社, earliest event day and decision day; the subtraction is vectorised.
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
            EarlyWarning.objects.filter(
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
