"""Background jobs of 救助申请; each wraps one service."""

from django.tasks import task

from minzheng.cases.services.publicity import publicity_complete_due


@task()
def publicity_complete_due_task() -> int:
    """Close the publicities whose 7 days are over and that hold no open objection."""
    return publicity_complete_due()
