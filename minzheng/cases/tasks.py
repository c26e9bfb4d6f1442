"""Background jobs of 救助申请; each wraps one service."""

from django.tasks import task

from minzheng.cases.services.publicity import publicity_complete_due
from minzheng.cases.services.reviews import benefit_reviews_propose
from minzheng.core.clock import today


@task()
def publicity_complete_due_task() -> int:
    """Close the publicities whose 7 days are over and that hold no open objection."""
    return publicity_complete_due()


@task()
def benefit_reviews_propose_task() -> int:
    """Judge running benefits again after the night's feeds; returns the proposals made."""
    sweep = benefit_reviews_propose(as_of=today())
    return sum(sweep.proposed.values())
