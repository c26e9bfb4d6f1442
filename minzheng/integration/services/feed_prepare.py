"""Staging a feed: check every row, resolve addresses, link to the registry, stage (LINKED).

Reading, checking and linking write nothing; the staged rows, the review pairs and the new
status go in one transaction at the end, and only for the import's current attempt. A failure
leaves nothing staged and says why in Chinese (FAILED).
"""

import logging
import uuid

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.timezone import now
from django.utils.translation import gettext as _

from minzheng.accounts.system import system_user
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError
from minzheng.core.tabular import read_table, table_error
from minzheng.integration.departments import SPECS
from minzheng.integration.enums import Department, ImportStatus, MatchStatus
from minzheng.integration.models import FeedImport
from minzheng.integration.services.feed_linkage import addresses_resolve, rows_link
from minzheng.integration.services.feed_rows import check_rows
from minzheng.integration.services.feed_staging import rows_stage
from minzheng.integration.services.feed_steps import (
    Progress,
    Superseded,
    attempt_check,
    feed_import_audit,
    no_progress,
    step_running,
)

logger = logging.getLogger(__name__)


def feed_import_prepare(
    *,
    feed_import_id: uuid.UUID | str,
    attempt: int | None = None,
    progress: Progress = no_progress,
) -> FeedImport:
    """Check, link and stage every row; on failure the import says why and stages nothing.

    ``attempt``: the attempt this run was queued as; a run of an older one returns the import
    as it is, having written nothing.
    """
    feed_import = FeedImport.objects.get(id=feed_import_id)
    try:
        attempt = attempt_check(feed_import, status=ImportStatus.PROCESSING, attempt=attempt)
    except Superseded:
        return feed_import
    try:
        with step_running(feed_import, attempt, progress) as report:
            _prepare(feed_import, attempt, report)
    except Superseded:
        pass
    except ApplicationError as error:
        _fail(feed_import, attempt, str(error.message))
        raise
    except Exception as error:
        # The type only: an exception's message may quote a cell of the file.
        logger.error(
            "feed import %s failed while staging: %s", feed_import.id, type(error).__name__
        )
        _fail(
            feed_import, attempt, str(_("处理时发生内部错误，未写入任何数据；请联系系统管理员。"))
        )
        raise
    feed_import.refresh_from_db()
    return feed_import


def _fail(feed_import: FeedImport, attempt: int, message: str) -> None:
    # Only the current attempt's failure counts: a superseded run's says nothing.
    FeedImport.objects.filter(
        id=feed_import.id, attempt=attempt, status=ImportStatus.PROCESSING
    ).update(status=ImportStatus.FAILED, failure=message)


def _prepare(feed_import: FeedImport, attempt: int, report: Progress) -> None:
    spec = SPECS[Department(feed_import.department)]
    report(2, _("读取文件"))
    with default_storage.open(feed_import.stored_file, "rb") as handle:
        table = read_table(handle, feed_import.file_name)
        rows = list(
            check_rows(table.rows, header=table.header, columns=feed_import.columns, spec=spec)
        )
    if not rows:
        raise table_error(_("文件中没有数据行。"))
    valid = [row for row in rows if row.is_valid]
    report(30, _("匹配标准地址"))
    address_of = addresses_resolve(valid, feed_import.department)
    report(45, _("与户籍比对"))
    links = rows_link(feed_import, valid)
    report(80, _("写入暂存区"))
    with transaction.atomic():
        locked = FeedImport.objects.select_for_update().get(id=feed_import.id)
        attempt_check(locked, status=ImportStatus.PROCESSING, attempt=attempt)
        counts = rows_stage(locked, rows, links, address_of)
        locked.status = ImportStatus.LINKED
        locked.row_count = len(rows)
        locked.invalid_count = len(rows) - len(valid)
        locked.matched_count = counts[MatchStatus.MATCHED]
        locked.review_count = counts[MatchStatus.REVIEW]
        locked.unmatched_count = counts[MatchStatus.UNMATCHED]
        locked.linked_at = now()
        locked.save(
            update_fields=[
                "status",
                "row_count",
                "invalid_count",
                "matched_count",
                "review_count",
                "unmatched_count",
                "linked_at",
                "updated_at",
            ]
        )
        feed_import_audit(
            # Staging runs in a worker on the uploader's behalf; imports from before uploaders were
            # recorded are the system's.
            actor=feed_import.uploaded_by or system_user(),
            action=AuditAction.UPDATE,
            feed_import_id=feed_import.id,
            changes={"status": [ImportStatus.PROCESSING, ImportStatus.LINKED], "rows": len(rows)},
        )
