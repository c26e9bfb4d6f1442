"""Asking 探访 for an urgent visit when a red warning is raised (after commit)."""

import datetime as dt
import logging
import uuid
from collections.abc import Sequence

from django.utils import timezone

from minzheng.monitoring.enums import Cause
from minzheng.visits.services.planning import visit_plans_urgent

logger = logging.getLogger(__name__)
# A stable code, never personal data: the visits app stores and audits it as given.
URGENT_REASON = "warning.red"


def local_deadline(day: dt.date) -> dt.datetime:
    """The end of the working day ``day`` (18:00 local time), as an aware datetime."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(18)))


def urgent_visits_plan(plans: Sequence[tuple[uuid.UUID, dt.date, Cause]]) -> None:
    """One urgent visit per red warning: (household, due day, cause), asked for in one go."""
    changed = visit_plans_urgent(
        demands=[
            (household_id, local_deadline(due_on), f"{URGENT_REASON}.{cause.value}")
            for household_id, due_on, cause in plans
        ]
    )
    logger.info("monitoring.visits.requested", extra={"count": len(plans), "changed": changed})
