"""Feeds due: the files departments leave overnight in the feed inbox, imported unattended.

A department drops ``<department>-<YYYYMMDD>.csv`` (or ``.xlsx``) into
``MINZHENG_FEED_INBOX`` (by SFTP, say); the nightly chain imports each file as the system
would at the import page: stored, checked, linked with the department's saved column mapping,
and the rows that linked without doubt merged (uncertain ones wait in the review queue,
invalid ones are listed on the import's page). A file goes to ``done/`` once imported, to
``failed/`` when it cannot be (its import's page or the log says why). A file whose bytes were
imported before is moved to ``done/`` without a second import.
"""

import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from minzheng.core.exceptions import ApplicationError
from minzheng.integration.enums import Department, ImportStatus
from minzheng.integration.models import FeedImport
from minzheng.integration.services.feed_imports import (
    column_mapping_suggest,
    feed_import_columns_set,
    feed_import_discard,
    feed_import_upload,
)
from minzheng.integration.services.feed_merge import feed_import_merge, feed_import_merge_start
from minzheng.integration.services.feed_prepare import feed_import_prepare

logger = logging.getLogger(__name__)
_NAME = re.compile(r"^(?P<department>[a-z_]+)-(?P<day>\d{8})\.(csv|xlsx)$")


@dataclass(frozen=True)
class FeedsDue:
    imported: int
    repeated: int  # the same bytes as an earlier import: nothing to do
    failed: int
    unnamed: int  # files that do not follow the naming rule: left where they are


def feeds_import_due(*, inbox: Path) -> FeedsDue:
    """Import every file waiting in ``inbox``, oldest data first."""
    if not inbox.is_dir():
        return FeedsDue(0, 0, 0, 0)
    imported = repeated = failed = unnamed = 0
    for path in sorted(inbox.iterdir(), key=lambda p: p.name):
        if not path.is_file():
            continue
        named = _NAME.match(path.name)
        if named is None or named["department"] not in Department.values:
            unnamed += 1
            continue
        try:
            as_of = dt.datetime.strptime(named["day"], "%Y%m%d").date()  # noqa: DTZ007 - a date
        except ValueError:
            unnamed += 1
            continue
        outcome = _import(path, named["department"], as_of)
        imported += outcome == "done"
        repeated += outcome == "repeated"
        failed += outcome == "failed"
        target = inbox / ("failed" if outcome == "failed" else "done")
        target.mkdir(exist_ok=True)
        path.rename(target / path.name)
    return FeedsDue(imported, repeated, failed, unnamed)


def _import(path: Path, department: str, as_of: dt.date) -> str:
    data = path.read_bytes()
    try:
        feed_import = feed_import_upload(
            actor=None, department=department, as_of=as_of, file_name=path.name, data=data
        )
    except ApplicationError:
        logger.warning("feed.inbox.refused", extra={"department": department})
        return "failed"
    earlier = FeedImport.objects.filter(
        file_digest=feed_import.file_digest, status=ImportStatus.MERGED
    ).exclude(id=feed_import.id)
    if earlier.exists():
        feed_import_discard(actor=None, feed_import=feed_import)
        return "repeated"
    columns = column_mapping_suggest(department=department, header=feed_import.header)
    try:
        feed_import_columns_set(actor=None, feed_import=feed_import, columns=columns, run=False)
        feed_import = feed_import_prepare(feed_import_id=feed_import.id)
        feed_import_merge_start(actor=None, feed_import=feed_import, run=False)
        feed_import_merge(feed_import_id=feed_import.id)
    except Exception as error:  # one bad file must not hold up the others
        logger.warning(
            "feed.inbox.failed",
            extra={"feed_import": str(feed_import.id), "error": type(error).__name__},
        )
        return "failed"
    return "done"
