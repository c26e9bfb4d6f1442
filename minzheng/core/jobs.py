"""Scheduled chains of steps, each attempt recorded, so a failure is seen, not only logged.

A chain (the nightly one is ``minzheng.nightly``) is a tuple of ``JobStep``: a key, a Chinese
label and a service taking the business date and returning a one-line summary (counts, no
personal data). ``job_step_run`` runs one attempt of one step and records it as a
``JobStepRun``; ``job_step_failures`` is what the admin's home page shows.
"""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Max
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from minzheng.core.clock import now
from minzheng.core.enums import JobStepStatus
from minzheng.core.models import JobStepRun

logger = logging.getLogger(__name__)
NIGHTLY_JOB = "nightly"  # the chain of minzheng.nightly; its failures show on the admin's home


@dataclass(frozen=True)
class JobStep:
    key: str
    label: Promise
    run: Callable[[dt.date], str]


def job_step_run(
    *, job: str, step: JobStep, as_of: dt.date, attempt: int, will_retry: bool
) -> bool:
    """Run one attempt of ``step``; True when it succeeded. A failure is recorded, not raised.

    Each step's service is its own transaction (or several, each safe to run again), so the
    record of the attempt, written outside them, survives a step's rollback.
    """
    record = JobStepRun.objects.create(
        job=job,
        step=step.key,
        label=str(step.label),
        as_of=as_of,
        attempt=attempt,
        status=JobStepStatus.RUNNING,
        started_at=now(),
    )
    try:
        summary = step.run(as_of)
    except Exception as error:
        # The type only: an exception's message may quote a record of a person.
        logger.error(
            "job.step.failed",
            extra={"job": job, "step": step.key, "attempt": attempt, "error": type(error).__name__},
        )
        record.status = JobStepStatus.FAILED
        record.will_retry = will_retry
        record.summary = (
            _("运行出错（%(error)s），详情见服务器日志。") % {"error": type(error).__name__}
        )[:255]
    else:
        record.status = JobStepStatus.SUCCEEDED
        record.summary = summary[:255]
    record.finished_at = now()
    record.save(update_fields=["status", "will_retry", "summary", "finished_at"])
    return record.status == JobStepStatus.SUCCEEDED


def job_step_failures(*, job: str) -> list[JobStepRun]:
    """The latest attempt of each step of ``job``'s latest business date, where it failed."""
    latest = JobStepRun.objects.filter(job=job).aggregate(day=Max("as_of"))["day"]
    if latest is None:
        return []
    last_attempts = (
        JobStepRun.objects.filter(job=job, as_of=latest)
        .values("step")
        .annotate(last=Max("id"))
        .values_list("last", flat=True)
    )
    return list(
        JobStepRun.objects.filter(id__in=list(last_attempts), status=JobStepStatus.FAILED).order_by(
            "id"
        )
    )
