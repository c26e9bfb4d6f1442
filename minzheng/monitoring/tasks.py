"""Background jobs of 预警监测; each wraps one service."""

from django.tasks import task

from minzheng.core.clock import today
from minzheng.monitoring.services import warnings_escalate, warnings_from_events


@task()
def warnings_from_events_task() -> int:
    """Raise warnings from the events not judged yet; returns the warnings raised."""
    return warnings_from_events(as_of=today()).raised


@task()
def warnings_escalate_task() -> int:
    """Move overdue open warnings one level up; returns how many moved."""
    return warnings_escalate(as_of=today())
