"""Background jobs of the dashboard; each wraps one service."""

from django.tasks import task

from minzheng.core.clock import today
from minzheng.dashboard.services import loop_tallies_refresh


@task()
def loop_tallies_refresh_task() -> int:
    """Recompute the 预警 and 探访 tallies; returns the 村社 rows written."""
    return loop_tallies_refresh(as_of=today()).divisions
