"""What the background steps of an import share: attempts, progress, heartbeat, audit.

Staging and merging run in a worker. Each start of either is an *attempt* (ADR 0025): the
import's ``attempt`` counter goes up and the step is queued with it. A step that finds a newer
attempt on the import, when it starts or when it is about to commit, stops without writing:
after a retry of a stalled step only the retry can finish it.
"""

import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from django.utils.timezone import now

from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction
from minzheng.integration.enums import ImportStatus
from minzheng.integration.heartbeat import Beating
from minzheng.integration.models import FeedImport

Progress = Callable[[int, str], None]  # (percent, step label)


def no_progress(percent: int, label: str) -> None:
    del percent, label


class Superseded(Exception):
    """A newer attempt of the same step took over; this one writes nothing."""


def feed_import_audit(
    *,
    actor: User,
    action: AuditAction,
    feed_import_id: uuid.UUID,
    changes: Mapping[str, object],
) -> None:
    """One audit event for a step of an import, by the person or the system actor."""
    audit_record(
        actor=actor,
        action=action,
        target_type="feed_import",
        target_id=feed_import_id,
        changes=changes,
    )


def attempt_begin(locked: FeedImport, status: ImportStatus) -> list[str]:
    """Move a locked import into a running step as a new attempt; the fields to save."""
    locked.status = status
    locked.attempt += 1
    locked.attempt_started_at = now()
    locked.failure = ""
    return ["status", "attempt", "attempt_started_at", "failure", "updated_at"]


def attempt_check(feed_import: FeedImport, *, status: ImportStatus, attempt: int | None) -> int:
    """The attempt this run is; Superseded when the import moved on without it.

    ``attempt`` None: whatever attempt the import is at (a command running the step itself).
    """
    if feed_import.status != status or attempt not in (None, feed_import.attempt):
        raise Superseded
    return feed_import.attempt


@contextmanager
def step_running(feed_import: FeedImport, attempt: int, progress: Progress) -> Iterator[Progress]:
    """Beat for the attempt while its step runs; the report sets the beat's percent and step."""
    with Beating(feed_import.id, attempt) as beating:

        def report(percent: int, label: str) -> None:
            beating.report(percent, str(label)[:64])
            progress(percent, str(label))

        yield report
