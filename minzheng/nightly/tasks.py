"""The nightly chain as tasks: each step enqueues the next, or itself again after a failure."""

import datetime as dt

from django.conf import settings
from django.tasks import default_task_backend, task

from minzheng.core.clock import now, today
from minzheng.nightly.chain import NIGHTLY_STEPS, nightly_step


@task()
def nightly_chain_task() -> None:
    """Start the night's chain at its first step, for today's business date."""
    nightly_step_task.enqueue(0, today().isoformat(), 1)


@task()
def nightly_step_task(position: int, as_of: str, attempt: int) -> bool:
    """One attempt at one step; on success the next step is queued, on failure a retry.

    After the last attempt fails the chain stops there: the later steps would work on stale
    data, and the county admin's home page shows the failure.
    """
    succeeded = nightly_step(position, as_of=dt.date.fromisoformat(as_of), attempt=attempt)
    if succeeded and position + 1 < len(NIGHTLY_STEPS):
        nightly_step_task.enqueue(position + 1, as_of, 1)
    elif not succeeded and attempt < settings.MINZHENG_NIGHTLY_ATTEMPTS:
        retry = nightly_step_task
        if default_task_backend.supports_defer:
            delay = dt.timedelta(minutes=settings.MINZHENG_NIGHTLY_RETRY_MINUTES)
            retry = retry.using(run_after=now() + delay)
        retry.enqueue(position, as_of, attempt + 1)
    return succeeded
