"""REST endpoints of 救助发放 for outside systems: batches, their lines and failures read inside
the caller's jurisdiction as the pages read them, and the bank's return file for 对账."""

import datetime as dt
import uuid
from decimal import Decimal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Query, Schema, UploadedFile

from minzheng.accounts.api_auth import ScopedRouter, api_actor
from minzheng.accounts.enums import ApiScope
from minzheng.core.api_params import PageQuery
from minzheng.core.audit import audit_read
from minzheng.core.exceptions import ApplicationError
from minzheng.payments.enums import LineChange
from minzheng.payments.models import PaymentBatch, PaymentLine
from minzheng.payments.permissions import access_batch
from minzheng.payments.selectors import batch_detail, batch_page, failure_page
from minzheng.payments.services.bank_files import MAX_RETURN_BYTES, batch_reconcile

router = ScopedRouter(read=ApiScope.PAYMENTS_READ, write=ApiScope.PAYMENTS_WRITE, tags=["payments"])


class BatchQuery(PageQuery):
    # Any day of the month names the month.
    month: dt.date | None = None


class BatchLinesQuery(PageQuery):
    change: LineChange | None = None


class BatchOut(Schema):
    id: uuid.UUID
    number: str
    month: dt.date
    kind: str
    status: str
    division_code: str
    division_name: str
    payee_count: int
    total_amount: Decimal
    prepared_at: dt.datetime
    checked_at: dt.datetime | None
    approved_at: dt.datetime | None
    bank_layout: str
    file_sha256: str


class BatchPageOut(Schema):
    page: int
    has_next: bool
    results: list[BatchOut]


class LineOut(Schema):
    """One payment; the account is masked and the holder's ID number never leaves."""

    batch_number: str
    sequence: int
    household_id: uuid.UUID
    household_number: str
    division_code: int
    item_code: str
    month: dt.date
    gross: Decimal
    offset: Decimal
    amount: Decimal
    change: str
    account_masked: str
    holder_name: str
    status: str
    bank_reason: str
    settled_at: dt.datetime | None


class BatchDetailOut(Schema):
    batch: BatchOut
    page: int
    has_next: bool
    lines: list[LineOut]


class LinePageOut(Schema):
    page: int
    has_next: bool
    results: list[LineOut]


class ReconciledOut(Schema):
    batch: BatchOut
    paid: int
    failed: int


def _batch_out(batch: PaymentBatch) -> BatchOut:
    return BatchOut(
        id=batch.pk,
        number=batch.number,
        month=batch.month,
        kind=batch.kind,
        status=batch.status,
        division_code=batch.division.short_code,
        division_name=batch.division.name,
        payee_count=batch.payee_count,
        total_amount=batch.total_amount,
        prepared_at=batch.prepared_at,
        checked_at=batch.checked_at,
        approved_at=batch.approved_at,
        bank_layout=batch.bank_layout,
        file_sha256=batch.file_sha256,
    )


def _line_out(line: PaymentLine, batch_number: str) -> LineOut:
    return LineOut(
        batch_number=batch_number,
        sequence=line.sequence,
        household_id=line.household_id,
        household_number=line.household.number,
        division_code=line.division_code,
        item_code=line.item.code,
        month=line.month,
        gross=line.gross,
        offset=line.offset,
        amount=line.amount,
        change=line.change,
        account_masked=line.account_masked,
        holder_name=line.holder_name,
        status=line.status,
        bank_reason=line.bank_reason,
        settled_at=line.settled_at,
    )


@router.get("/batches", response=BatchPageOut)
def batch_index(request: HttpRequest, params: Query[BatchQuery]) -> BatchPageOut:
    """The batches of the caller's jurisdiction, newest month first, 50 a page."""
    month = params.month.replace(day=1) if params.month else None
    result = batch_page(actor=api_actor(request), month=month, page=params.page)
    audit_read(
        actor=api_actor(request),
        target_type="payments.batch_list",
        page=result.page,
        results=len(result.rows),
    )
    return BatchPageOut(
        page=result.page,
        has_next=result.has_next,
        results=[_batch_out(batch) for batch in result.rows],
    )


@router.get("/batches/{batch_id}", response=BatchDetailOut)
def batch_get(
    request: HttpRequest, batch_id: uuid.UUID, params: Query[BatchLinesQuery]
) -> BatchDetailOut:
    """A batch and a page of its lines (50), optionally only those of one ``change``."""
    detail = batch_detail(
        actor=api_actor(request),
        batch_id=batch_id,
        page=params.page,
        change=str(params.change or ""),
    )
    batch = detail.batch
    audit_read(
        actor=api_actor(request),
        target_type="payments.batch",
        target_id=batch.pk,
        division_code=batch.division_id,
        page=detail.page,
        results=len(detail.lines),
    )
    return BatchDetailOut(
        batch=_batch_out(batch),
        page=detail.page,
        has_next=detail.has_next,
        lines=[_line_out(line, batch.number) for line in detail.lines],
    )


@router.get("/failures", response=LinePageOut)
def failure_index(request: HttpRequest, params: Query[PageQuery]) -> LinePageOut:
    """失败待重发: failed lines no later batch has paid yet, 50 a page."""
    result = failure_page(actor=api_actor(request), page=params.page)
    audit_read(
        actor=api_actor(request),
        target_type="payments.failures",
        page=result.page,
        rows=len(result.rows),
    )
    return LinePageOut(
        page=result.page,
        has_next=result.has_next,
        results=[_line_out(line, line.batch.number) for line in result.rows],
    )


@router.post("/batches/{batch_id}/reconciliation", response=ReconciledOut)
def batch_reconciliation(
    request: HttpRequest, batch_id: uuid.UUID, file: File[UploadedFile | None] = None
) -> ReconciledOut:
    """对账 from the bank's return file, in the batch's layout: all lines or none.

    A file that does not answer for every line once, with its account and amount, is refused
    (400) with the rows listed and nothing recorded.
    """
    actor = api_actor(request)
    access_batch(actor=actor, batch_id=batch_id)  # a foreign batch is 404 whatever was sent
    if file is None or file.size is None or file.size > MAX_RETURN_BYTES:
        message = _("请选择银行回盘文件(不超过 20 MB)。")
        raise ApplicationError(message, fields={"file": message})
    result = batch_reconcile(actor=actor, batch_id=batch_id, content=file.read())
    return ReconciledOut(batch=_batch_out(result.batch), paid=result.paid, failed=result.failed)
