"""Reads of 预警监测: the jurisdiction's warnings, 主动发现, and the measured loop."""

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from minzheng.accounts.permissions import Actor
from minzheng.cases.enums import ScheduleStatus
from minzheng.cases.models import Application, PaymentSchedule
from minzheng.core.clock import today
from minzheng.eligibility.enums import Programme
from minzheng.eligibility.models import Determination, DeterminationRun
from minzheng.monitoring.enums import Cause, Outcome, WarningStatus
from minzheng.monitoring.models import MonitoringEvent, Warning
from minzheng.monitoring.permissions import warning_scope
from minzheng.registry.selectors import PersonLabel, person_labels
from minzheng.visits.models import Visit

PAGE_SIZE = 30
# Determination.eligible_bits: one bit per programme in Programme order.
_PROGRAMMES = list(Programme)


@dataclass(frozen=True)
class WarningPage:
    rows: Sequence[Warning]
    page: int
    has_next: bool
    today: dt.date


def warning_list(
    *, actor: Actor, page: int, colour: int | None = None, cause: str = ""
) -> WarningPage:
    """The jurisdiction's warnings: open first (earliest due first), then closed; two queries.

    Raises PermissionDenied for staff who may not handle warnings.
    """
    low, high = warning_scope(actor=actor)
    rows: QuerySet[Warning] = Warning.objects.in_division_range(low, high)
    if colour is not None:
        rows = rows.filter(colour=colour)
    if cause:
        rows = rows.filter(cause=cause)
    start = (page - 1) * PAGE_SIZE
    found = list(
        rows.select_related("household")
        .annotate(
            is_closed=Case(
                When(status=WarningStatus.OPEN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("is_closed", "due_on", "-colour", "id")[start : start + PAGE_SIZE + 1]
    )
    return WarningPage(
        rows=found[:PAGE_SIZE], page=page, has_next=len(found) > PAGE_SIZE, today=today()
    )


EVIDENCE_CHOICES = 20


@dataclass(frozen=True)
class EvidenceChoices:
    """What a closing can point to: the household's latest visits and applications."""

    visits: list[tuple[str, str]]  # (visit id, "2026-11-20 10:30 电话")
    applications: list[tuple[str, str]]  # (number, "SQ20261120-0001 已批准")


def _visit_label(visited_at: dt.datetime, mode: str) -> str:
    return f"{timezone.localtime(visited_at):%Y-%m-%d %H:%M} {mode}"


def warning_evidence_choices(*, warning: Warning) -> EvidenceChoices:
    """The household's latest visits and applications, newest first (two queries)."""
    zone = timezone.get_current_timezone()
    visits = [
        (
            str(visit.pk),
            f"{visit.visited_at.astimezone(zone):%Y-%m-%d %H:%M} {visit.get_mode_display()}",
        )
        for visit in Visit.objects.filter(household_id=warning.household_id)
        .only("id", "visited_at", "mode")
        .order_by("-visited_at")[:EVIDENCE_CHOICES]
    ]
    applications = [
        (application.number, f"{application.number} {application.get_status_display()}")
        for application in Application.objects.filter(household_id=warning.household_id)
        .only("id", "number", "status")
        .order_by("-created_at")[:EVIDENCE_CHOICES]
    ]
    return EvidenceChoices(visits, applications)


def warning_persons(*, warning: Warning) -> list[PersonLabel]:
    """The members the warning's events are about (for a death: who died), masked as pages do."""
    person_ids = {
        person_id
        for person_id in MonitoringEvent.objects.filter(warning=warning).values_list(
            "person_id", flat=True
        )
        if person_id is not None
    }
    return person_labels(person_ids=person_ids)


def warning_events(*, warning: Warning) -> list[MonitoringEvent]:
    """The events attached to a warning, earliest first (the caller checked access)."""
    return list(MonitoringEvent.objects.filter(warning=warning).order_by("occurred_on", "id"))


@dataclass(frozen=True)
class DiscoveryRow:
    household_id: uuid.UUID
    household_number: str
    division_code: int
    programmes: list[str]


@dataclass(frozen=True)
class DiscoveryPage:
    rows: list[DiscoveryRow]
    page: int
    has_next: bool
    as_of: dt.date | None


def _programmes(bits: int) -> list[str]:
    return [str(p.label) for index, p in enumerate(_PROGRAMMES) if bits & (1 << index)]


def discovery_list(*, actor: Actor, page: int) -> DiscoveryPage:
    """主动发现: households the current run finds eligible that receive nothing.

    "Nothing" means no running payment schedule and no application in progress. Scoped to
    the actor's jurisdiction, paged; three queries. Empty when no run is current.
    """
    low, high = warning_scope(actor=actor)
    run = DeterminationRun.objects.filter(is_current=True).first()
    if run is None:
        return DiscoveryPage(rows=[], page=page, has_next=False, as_of=None)
    month = today().replace(day=1)
    paying = PaymentSchedule.objects.filter(
        Q(end_month__isnull=True) | Q(end_month__gte=month),
        household_id=OuterRef("household_id"),
        status=ScheduleStatus.ACTIVE,
    )
    applying = Application.objects.open().filter(household_id=OuterRef("household_id"))
    start = (page - 1) * PAGE_SIZE
    found = list(
        Determination.objects.filter(run=run, eligible_bits__gt=0, division_code__range=(low, high))
        .exclude(Exists(paying))
        .exclude(Exists(applying))
        .order_by("division_code", "household_id")
        .values_list("household_id", "household__number", "division_code", "eligible_bits")[
            start : start + PAGE_SIZE + 1
        ]
    )
    rows = [
        DiscoveryRow(
            household_id=household_id,
            household_number=number,
            division_code=division_code,
            programmes=_programmes(bits),
        )
        for household_id, number, division_code, bits in found[:PAGE_SIZE]
    ]
    return DiscoveryPage(rows=rows, page=page, has_next=len(found) > PAGE_SIZE, as_of=run.as_of)


@dataclass(frozen=True)
class LoopSummary:
    """The measured loop over warnings closed in a date range.

    ``median_lead_days``: median of (application decided − earliest event) over warnings closed
    as 纳入救助 whose application is decided; None without any. ``on_time_share``: closed
    warnings closed by their first due date, over all closed; None without any.
    """

    closed: int
    assisted: int
    median_lead_days: float | None
    on_time_share: float | None


def loop_summary(*, actor: Actor, start: dt.date, end: dt.date) -> LoopSummary:
    """Lead time to assistance and closure on time, for warnings closed from start to end.

    Days are local calendar days. Two queries; the arithmetic is vectorised.
    """
    low, high = warning_scope(actor=actor)
    zone = timezone.get_current_timezone()
    first = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    closed = pd.DataFrame(
        list(
            Warning.objects.in_division_range(low, high)
            .filter(status=WarningStatus.CLOSED, closed_at__gte=first, closed_at__lt=after)
            .values_list("id", "outcome", "closed_at", "first_due_on", "application__decided_at")
        ),
        columns=["id", "outcome", "closed_at", "first_due_on", "decided_at"],
    )
    if closed.empty:
        return LoopSummary(closed=0, assisted=0, median_lead_days=None, on_time_share=None)
    closed_on = pd.to_datetime(closed["closed_at"], utc=True).dt.tz_convert(zone).dt.date
    on_time = float(np.mean(closed_on <= closed["first_due_on"]))
    assisted = closed[(closed["outcome"] == Outcome.ASSISTED) & closed["decided_at"].notna()]
    if assisted.empty:
        return LoopSummary(
            closed=len(closed), assisted=0, median_lead_days=None, on_time_share=on_time
        )
    earliest = pd.DataFrame(
        list(
            MonitoringEvent.objects.filter(warning_id__in=list(assisted["id"])).values_list(
                "warning_id", "occurred_on"
            )
        ),
        columns=["id", "occurred_on"],
    )
    first_event = earliest.groupby("id")["occurred_on"].min()
    decided = pd.to_datetime(assisted["decided_at"], utc=True).dt.tz_convert(zone).dt.date
    lead = (
        pd.to_datetime(decided.to_numpy())
        - pd.to_datetime(assisted["id"].map(first_event).to_numpy())
    ).days
    lead = lead[~np.isnan(lead)] if lead.dtype.kind == "f" else lead
    median = float(np.median(lead)) if len(lead) else None
    return LoopSummary(
        closed=len(closed),
        assisted=len(assisted),
        median_lead_days=median,
        on_time_share=on_time,
    )


# Causes of sudden shocks (domain §2.2 急难型: death of a member, disaster, a big hospital bill).
EMERGENCY_CAUSES = (Cause.DEATH, Cause.DISASTER, Cause.ILLNESS)


def emergency_counts(day: dt.date, thresholds: Mapping[str, float]) -> dict[uuid.UUID, int]:
    """Events that raised a 急难 warning, per household, in the model's emergency window.

    Registered as the profiles' ``emergencies`` signal (``profiling.signals``), so an event
    below a rule's threshold (a small bill) never makes a household 急难型.
    """
    window = dt.timedelta(days=int(thresholds["emergency_window_days"]))
    rows = (
        MonitoringEvent.objects.filter(
            occurred_on__gt=day - window,
            occurred_on__lte=day,
            warning__cause__in=EMERGENCY_CAUSES,
        )
        .values("household_id")
        .annotate(events=Count("id"))
        .values_list("household_id", "events")
    )
    return dict(rows)


def arrears_counts(day: dt.date, thresholds: Mapping[str, float]) -> dict[uuid.UUID, int]:
    """Households with an open utility-arrears warning raised by ``day`` (the 居住 signal)."""
    rows = (
        Warning.objects.open()
        .filter(cause=Cause.ARREARS, raised_on__lte=day)
        .values_list("household_id", flat=True)
    )
    return dict.fromkeys(rows, 1)
