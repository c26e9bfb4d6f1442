"""REST endpoints of 部门数据导入 for the departments' own systems: upload a feed (the banks'
核对 answers are the ``banks`` feed), map its columns, follow it and merge it, through the
services the import pages use. A feed import holds no personal data in these answers: counts,
the file's header and the state of the work."""

import datetime as dt
import uuid

from django.http import HttpRequest
from ninja import File, Form, Query, Schema, Status, UploadedFile
from pydantic import Field

from minzheng.accounts.api_auth import ScopedRouter, api_actor
from minzheng.accounts.enums import ApiScope
from minzheng.core.api_params import PageQuery
from minzheng.integration.enums import Department, ImportStatus
from minzheng.integration.models import FeedImport
from minzheng.integration.permissions import access_feed_import
from minzheng.integration.selectors.imports import feed_import_list, feed_import_progress
from minzheng.integration.services.feed_imports import (
    column_mapping_suggest,
    feed_import_columns_set,
    feed_import_upload,
)
from minzheng.integration.services.feed_merge import feed_import_merge_start
from minzheng.integration.services.feed_retry import feed_import_retry

router = ScopedRouter(read=ApiScope.FEEDS_READ, write=ApiScope.FEEDS_WRITE, tags=["integration"])
PAGE_SIZE = 20


class FeedImportOut(Schema):
    id: uuid.UUID
    department: str
    as_of: dt.date
    file_name: str
    status: str
    # While a step (staging or merging) runs: its percent and label as its worker last said,
    # and whether the worker stopped saying (``stalled``: ask for a retry).
    progress: int | None
    progress_label: str
    stalled: bool
    failure: str
    header: list[str]
    columns: dict[str, str]
    # While the columns await a mapping: the department's saved one, else same-named columns.
    suggested_columns: dict[str, str]
    row_count: int
    invalid_count: int
    matched_count: int
    review_count: int
    unmatched_count: int
    created_count: int
    changed_count: int
    unchanged_count: int
    created_at: dt.datetime
    linked_at: dt.datetime | None
    merged_at: dt.datetime | None


class FeedImportPageOut(Schema):
    page: int
    has_next: bool
    results: list[FeedImportOut]


class ColumnsIn(Schema):
    # target field (name, id_number, …, or an item key) → the file's column heading
    columns: dict[str, str] = Field(max_length=100)


def _out(feed_import: FeedImport) -> FeedImportOut:
    suggested = (
        column_mapping_suggest(department=feed_import.department, header=feed_import.header)
        if feed_import.status == ImportStatus.UPLOADED
        else {}
    )
    progress = feed_import_progress(feed_import=feed_import)
    return FeedImportOut(
        id=feed_import.pk,
        department=feed_import.department,
        as_of=feed_import.as_of,
        file_name=feed_import.file_name,
        status=feed_import.status,
        progress=progress.percent if progress else None,
        progress_label=progress.label if progress else "",
        stalled=progress.stalled if progress else False,
        failure=feed_import.failure,
        header=[str(column) for column in feed_import.header],
        columns=dict(feed_import.columns),
        suggested_columns=suggested,
        row_count=feed_import.row_count,
        invalid_count=feed_import.invalid_count,
        matched_count=feed_import.matched_count,
        review_count=feed_import.review_count,
        unmatched_count=feed_import.unmatched_count,
        created_count=feed_import.created_count,
        changed_count=feed_import.changed_count,
        unchanged_count=feed_import.unchanged_count,
        created_at=feed_import.created_at,
        linked_at=feed_import.linked_at,
        merged_at=feed_import.merged_at,
    )


@router.get("/feeds", response=FeedImportPageOut)
def feed_import_index(request: HttpRequest, params: Query[PageQuery]) -> FeedImportPageOut:
    """Imports inside the caller's reach, newest first, 20 a page."""
    start = (params.page - 1) * PAGE_SIZE
    rows = list(
        feed_import_list(actor=api_actor(request)).order_by("-created_at", "id")[
            start : start + PAGE_SIZE + 1
        ]
    )
    return FeedImportPageOut(
        page=params.page,
        has_next=len(rows) > PAGE_SIZE,
        results=[_out(row) for row in rows[:PAGE_SIZE]],
    )


@router.post("/feeds", response={201: FeedImportOut})
def feed_import_create(
    request: HttpRequest,
    department: Form[Department],
    as_of: Form[dt.date],
    file: File[UploadedFile],
) -> Status[FeedImportOut]:
    """Store a department's CSV or XLSX file; nothing is checked row by row until the columns
    are mapped. The banks' answers to a 核对 query are the ``banks`` department."""
    feed_import = feed_import_upload(
        actor=api_actor(request),
        department=department,
        as_of=as_of,
        file_name=file.name or "feed.csv",
        data=file.read(),
    )
    return Status(201, _out(feed_import))


@router.get("/feeds/{feed_import_id}", response=FeedImportOut)
def feed_import_get(request: HttpRequest, feed_import_id: uuid.UUID) -> FeedImportOut:
    """An import's state: poll it after mapping the columns and after asking to merge."""
    return _out(access_feed_import(actor=api_actor(request), feed_import_id=feed_import_id))


@router.post("/feeds/{feed_import_id}/columns", response=FeedImportOut)
def feed_import_columns(
    request: HttpRequest, feed_import_id: uuid.UUID, payload: ColumnsIn
) -> FeedImportOut:
    """Map the columns and start checking and linking the rows (a background task)."""
    actor = api_actor(request)
    feed_import = access_feed_import(actor=actor, feed_import_id=feed_import_id)
    return _out(
        feed_import_columns_set(actor=actor, feed_import=feed_import, columns=payload.columns)
    )


@router.post("/feeds/{feed_import_id}/merge", response=FeedImportOut)
def feed_import_merge(request: HttpRequest, feed_import_id: uuid.UUID) -> FeedImportOut:
    """Merge a linked import into the data the 核对报告 reads (a background task); refused
    with the code ``conflict`` before it is linked."""
    actor = api_actor(request)
    feed_import = access_feed_import(actor=actor, feed_import_id=feed_import_id)
    return _out(feed_import_merge_start(actor=actor, feed_import=feed_import))


@router.post("/feeds/{feed_import_id}/retry", response=FeedImportOut)
def feed_import_retry_start(request: HttpRequest, feed_import_id: uuid.UUID) -> FeedImportOut:
    """Start a stalled step (``stalled`` is true) again, as the import page's button does."""
    actor = api_actor(request)
    feed_import = access_feed_import(actor=actor, feed_import_id=feed_import_id)
    return _out(feed_import_retry(actor=actor, feed_import=feed_import))
