"""Starting a stalled step of an import again: the worker died, the step never finished.

A step is stalled when its attempt has not beaten for ``heartbeat.STALE_AFTER`` (ADR 0025).
Nothing of it was written, since staging and merging each commit once at the end, so the retry
starts the same step as a new attempt; should the old worker come back to life, it finds the
newer attempt and stops without writing.
"""

from django.db import OperationalError, transaction
from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import require_capability
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError
from minzheng.integration.enums import RUNNING_STATUSES, ImportStatus
from minzheng.integration.heartbeat import import_stalled
from minzheng.integration.models import FeedImport
from minzheng.integration.services.feed_steps import (
    attempt_begin,
    feed_import_audit,
)
from minzheng.integration.tasks import feed_import_merge_task, feed_import_prepare_task


def _still_running() -> ApplicationError:
    return ApplicationError(_("该导入仍在处理中，没有停滞，请稍候再看。"), code=ErrorCode.CONFLICT)


def feed_import_retry(*, actor: User, feed_import: FeedImport, run: bool = True) -> FeedImport:
    """Start the stalled step (staging or merging) of the import again, as a new attempt."""
    require_capability(actor=actor, capability=Capability.FEED_IMPORT)
    try:
        with transaction.atomic():
            # A step finishing right now holds the row: it is not stalled, no need to wait.
            locked = FeedImport.objects.select_for_update(nowait=True).get(id=feed_import.id)
            if locked.status not in RUNNING_STATUSES:
                raise ApplicationError(
                    _("只有停滞的校验匹配或入库才能重试。"), code=ErrorCode.CONFLICT
                )
            if not import_stalled(locked):
                raise _still_running()
            step = ImportStatus(locked.status)
            old_attempt = locked.attempt
            locked.save(update_fields=attempt_begin(locked, step))
            feed_import_audit(
                actor=actor,
                action=AuditAction.UPDATE,
                feed_import_id=locked.id,
                changes={"retry": step.value, "attempt": [old_attempt, locked.attempt]},
            )
            if run:
                task = (
                    feed_import_merge_task
                    if step == ImportStatus.MERGING
                    else feed_import_prepare_task
                )
                import_id, attempt = str(locked.id), locked.attempt
                transaction.on_commit(lambda: task.enqueue(import_id, attempt))
    except OperationalError:
        # The row is locked by a step committing (PostgreSQL), or the database is (SQLite).
        raise _still_running() from None
    return locked
