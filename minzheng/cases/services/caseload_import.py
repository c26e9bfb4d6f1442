"""A roll file in one go, for the command line and the demo: the feed's steps, synchronously.

The web page takes the same steps one by one (/integration/imports/, 在册对象): upload, column
mapping with a preview, checking and linkage, then 入库, which applies the roll to cases.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from minzheng.accounts.models import User
from minzheng.cases.enums import CaseloadReviewStatus
from minzheng.cases.models import CaseloadEntry, CaseloadReview
from minzheng.integration.enums import Department
from minzheng.integration.models import FeedImport
from minzheng.integration.services.feed_imports import (
    column_mapping_suggest,
    feed_import_columns_set,
    feed_import_discard,
    feed_import_upload,
)
from minzheng.integration.services.feed_merge import feed_import_merge, feed_import_merge_start
from minzheng.integration.services.feed_prepare import feed_import_prepare
from minzheng.integration.services.feed_steps import Progress, no_progress


@dataclass(frozen=True)
class RollImport:
    feed_import: FeedImport
    merged: bool
    entries: int  # 在册对象 rows this import wrote or last changed
    reviews_pending: int  # 复核 items waiting in the whole county after it


def caseload_roll_import(
    *,
    actor: User | None,
    file_name: str,
    data: bytes,
    as_of: dt.date,
    columns: Mapping[str, str] | None = None,
    skip_invalid: bool = False,
    progress: Progress = no_progress,
) -> RollImport:
    """Upload, check, link and (unless rows are invalid and not to be skipped) merge a roll.

    ``columns`` adds to or overrides the suggested mapping (target field → header). A file
    with invalid rows is staged and left for its rows to be corrected, merging nothing, unless
    ``skip_invalid``: then the valid rows go in and the invalid ones stay listed.
    """
    feed_import = feed_import_upload(
        actor=actor, department=Department.CASELOAD, as_of=as_of, file_name=file_name, data=data
    )
    mapping = column_mapping_suggest(department=Department.CASELOAD, header=feed_import.header)
    mapping.update(columns or {})
    try:
        feed_import_columns_set(actor=actor, feed_import=feed_import, columns=mapping, run=False)
    except Exception:
        # Nothing can be done with a file whose columns do not fit: do not keep it.
        feed_import_discard(actor=actor, feed_import=feed_import)
        raise
    feed_import = feed_import_prepare(feed_import_id=feed_import.id, progress=progress)
    merged = False
    if skip_invalid or feed_import.invalid_count == 0:
        feed_import_merge_start(actor=actor, feed_import=feed_import, run=False)
        feed_import_merge(feed_import_id=feed_import.id, progress=progress)
        feed_import.refresh_from_db()
        merged = True
    return RollImport(
        feed_import=feed_import,
        merged=merged,
        entries=CaseloadEntry.objects.filter(feed_import_id=feed_import.id).count(),
        reviews_pending=CaseloadReview.objects.filter(status=CaseloadReviewStatus.PENDING).count(),
    )
