"""A household's own applications: its 幸福清单 lists them to the family (statements), its
household page to the staff of its 村社 (``views_household``)."""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from minzheng.cases.enums import ApplicationStatus, StepKind
from minzheng.cases.models import Application, ApplicationItem


@dataclass(frozen=True)
class ApplicationStatusLine:
    """Where one application of the household stands, in words a family reads."""

    application_id: uuid.UUID
    number: str
    submitted_on: dt.date
    items_requested: tuple[str, ...]  # names of the items the family asked for
    current_step: str  # StepKind value; "" once decided
    current_step_label: str
    status: str  # ApplicationStatus value
    status_label: str
    decided_on: dt.date | None


def household_applications(*, household_id: uuid.UUID) -> list[ApplicationStatusLine]:
    """Every application of the household, newest first, with the items it asked for.

    The caller checks access. Two queries whatever the number of applications.
    """
    requested = ApplicationItem.objects.filter(requested=True).select_related("item")
    rows = (
        Application.objects.filter(household_id=household_id)
        .prefetch_related(Prefetch("items", queryset=requested, to_attr="requested_items"))
        .order_by("-created_at", "-number")
    )
    lines: list[ApplicationStatusLine] = []
    for application in rows:
        items: list[ApplicationItem] = getattr(application, "requested_items", [])
        step = application.current_step
        lines.append(
            ApplicationStatusLine(
                application_id=application.pk,
                number=application.number,
                submitted_on=timezone.localdate(application.created_at),
                items_requested=tuple(row.item.name for row in items),
                current_step=step,
                current_step_label=str(StepKind(step).label) if step else "",
                status=application.status,
                status_label=str(ApplicationStatus(application.status).label),
                decided_on=(
                    timezone.localdate(application.decided_at) if application.decided_at else None
                ),
            )
        )
    return lines
