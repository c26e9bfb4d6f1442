"""Reads of 预警监测: the jurisdiction's warnings, 主动发现, and the measured loop."""

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from minzheng.accounts.permissions import Actor
from minzheng.cases.selectors.support import household_applications, receiving_or_applying
from minzheng.core.clock import today
from minzheng.divisions.selectors import division_names
from minzheng.eligibility.selectors import current_eligible_households
from minzheng.monitoring.enums import Cause, WarningStatus
from minzheng.monitoring.models import EarlyWarning, MonitoringEvent
from minzheng.monitoring.permissions import warning_scope
from minzheng.registry.selectors import PersonLabel, person_labels
from minzheng.visits.selectors import household_latest_visits

PAGE_SIZE = 30


@dataclass(frozen=True)
class WarningPage:
    rows: Sequence[EarlyWarning]
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
    rows: QuerySet[EarlyWarning] = EarlyWarning.objects.in_division_range(low, high)
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


def warning_evidence_choices(*, warning: EarlyWarning) -> EvidenceChoices:
    """The household's latest visits and applications, newest first (two queries)."""
    zone = timezone.get_current_timezone()
    latest = household_latest_visits(household_id=warning.household_id, limit=EVIDENCE_CHOICES)
    visits = [
        (str(visit_id), f"{visited_at.astimezone(zone):%Y-%m-%d %H:%M} {mode}")
        for visit_id, visited_at, mode in latest
    ]
    applications = [
        (number, f"{number} {status}")
        for number, status in household_applications(
            household_id=warning.household_id, limit=EVIDENCE_CHOICES
        )
    ]
    return EvidenceChoices(visits, applications)


def warning_persons(*, warning: EarlyWarning) -> list[PersonLabel]:
    """The members the warning's events are about (for a death: who died), masked as pages do."""
    person_ids = {
        person_id
        for person_id in MonitoringEvent.objects.filter(warning=warning).values_list(
            "person_id", flat=True
        )
        if person_id is not None
    }
    return person_labels(person_ids=person_ids)


def warning_events(*, warning: EarlyWarning) -> list[MonitoringEvent]:
    """The events attached to a warning, earliest first (the caller checked access)."""
    return list(MonitoringEvent.objects.filter(warning=warning).order_by("occurred_on", "id"))


@dataclass(frozen=True)
class DiscoveryRow:
    household_id: uuid.UUID
    household_number: str
    division_code: int
    division_name: str
    programmes: list[str]


@dataclass(frozen=True)
class DiscoveryPage:
    rows: list[DiscoveryRow]
    page: int
    has_next: bool
    as_of: dt.date | None


def discovery_list(*, actor: Actor, page: int) -> DiscoveryPage:
    """主动发现: households the current run finds eligible that receive nothing.

    "Nothing" means no running payment schedule and no application in progress. Scoped to
    the actor's jurisdiction, paged; four queries (the last names the 村社). Empty when no run
    is current.
    """
    low, high = warning_scope(actor=actor)
    start = (page - 1) * PAGE_SIZE
    as_of, found = current_eligible_households(
        low=low,
        high=high,
        excluding=receiving_or_applying(
            household=OuterRef("household_id"), month=today().replace(day=1)
        ),
        start=start,
        stop=start + PAGE_SIZE + 1,
    )
    names = division_names(codes=sorted({row.division_code for row in found[:PAGE_SIZE]}))
    rows = [
        DiscoveryRow(
            household_id=row.household_id,
            household_number=row.household_number,
            division_code=row.division_code,
            programmes=row.programmes,
            division_name=names.get(row.division_code, str(row.division_code)),
        )
        for row in found[:PAGE_SIZE]
    ]
    return DiscoveryPage(rows=rows, page=page, has_next=len(found) > PAGE_SIZE, as_of=as_of)


@dataclass(frozen=True)
class HouseholdWarningLine:
    warning_id: uuid.UUID
    cause_label: str
    colour: int
    colour_label: str
    status_label: str
    raised_on: dt.date
    due_on: dt.date


def household_warnings(*, household_id: uuid.UUID) -> list[HouseholdWarningLine]:
    """The household's warnings, open first then newest; call with a household from
    ``access_warning_household``. One query."""
    rows = (
        EarlyWarning.objects.filter(household_id=household_id)
        .annotate(
            is_closed=Case(
                When(status=WarningStatus.OPEN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("is_closed", "-raised_on", "id")
    )
    return [
        HouseholdWarningLine(
            warning_id=warning.pk,
            cause_label=warning.get_cause_display(),
            colour=warning.colour,
            colour_label=warning.get_colour_display(),
            status_label=warning.get_status_display(),
            raised_on=warning.raised_on,
            due_on=warning.due_on,
        )
        for warning in rows
    ]


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
        EarlyWarning.objects.open()
        .filter(cause=Cause.ARREARS, raised_on__lte=day)
        .values_list("household_id", flat=True)
    )
    return dict.fromkeys(rows, 1)
