"""The bank's side of a batch: the 代发 file made from an approved batch, and its return.

The file is made from the lines as approved (their copied account, name and ID), in sequence
order, in the layout the county's bank takes (``layouts``). Made again it is the same file:
its SHA-256 is audited each time, and a batch is only ever sent in one layout. The return file
must answer for every line of the batch, once, with the same account and amount; otherwise
nothing is recorded and each disagreement is named by its row.
"""

import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.bulk import Constant, columns_set
from minzheng.core.clock import now
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError, Message
from minzheng.core.ids import RecordId
from minzheng.payments.enums import BatchStatus, LineStatus, PaymentsErrorCode
from minzheng.payments.layouts import BankLayout, ReturnRow, file_render, layout_get, return_parse
from minzheng.payments.models import PaymentBatch, PaymentLine
from minzheng.payments.services.batches import (
    BATCH_TARGET,
    BatchConflict,
    batch_audit,
    batch_lock,
    expect_status,
)
from minzheng.payments.services.recoveries import offsets_release

CENT = Decimal("0.01")
MAX_ERRORS_SHOWN = 20
# A return file answers for one batch; a county's largest is well under a megabyte.
MAX_RETURN_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class BankFile:
    name: str
    content: bytes
    sha256: str


def _remark(line: PaymentLine, names: Mapping[uuid.UUID, str]) -> str:
    return f"{line.month:%Y年%m月}{names[line.item_id]}"


def batch_file(batch: PaymentBatch, layout: BankLayout) -> BankFile:
    lines = list(batch.lines.select_related("item").order_by("sequence"))
    names = {line.item_id: line.item.name for line in lines}
    total = sum((line.amount for line in lines), Decimal(0))
    header = {
        "batch_number": batch.number,
        "month": f"{batch.month:%Y%m}",
        "row_count": str(len(lines)),
        "total_amount": f"{total:.2f}",
        "total_fen": str(int(total * 100)),
    }
    details = [
        {
            "sequence": str(line.sequence),
            "account_number": line.account_number,
            "holder_name": line.holder_name,
            "holder_id_number": line.holder_id_number,
            "amount": f"{line.amount:.2f}",
            "amount_fen": str(int(line.amount * 100)),
            "remark": _remark(line, names),
        }
        for line in lines
    ]
    content = file_render(layout, header=header, details=details)
    return BankFile(
        name=f"{batch.number}-{layout.code}.{layout.suffix}",
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
    )


@transaction.atomic
def batch_export(*, actor: User, batch_id: RecordId, layout_code: str) -> BankFile:
    """The bank file of an approved batch; the first export fixes its layout.

    Raises:
        ApplicationError: the batch is not approved, another layout was used before, or a
            value does not fit the layout (named by line, nothing recorded).
    """
    batch = batch_lock(actor, batch_id, Capability.PAYMENT_MANAGE)
    expect_status(batch, BatchStatus.APPROVED, BatchStatus.EXPORTED)
    if batch.bank_layout and batch.bank_layout != layout_code:
        raise BatchConflict(
            _("本批次已按“%(layout)s”格式生成银行文件，不能改用其他格式。")
            % {"layout": layout_get(batch.bank_layout).name}
        )
    layout = layout_get(layout_code)
    file = batch_file(batch, layout)
    first = batch.status == BatchStatus.APPROVED
    if first:
        batch.status = BatchStatus.EXPORTED
        batch.bank_layout = layout.code
        batch.file_sha256 = file.sha256
        batch.exported_by = actor
        batch.exported_at = now()
        batch.save(
            update_fields=[
                "status",
                "bank_layout",
                "file_sha256",
                "exported_by",
                "exported_at",
                "updated_at",
            ]
        )
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        target_type=BATCH_TARGET,
        target_id=batch.pk,
        division_code=batch.division_id,
        changes={
            "step": "export",
            "number": batch.number,
            "layout": layout.code,
            "sha256": file.sha256,
            "lines": batch.payee_count,
            "total": str(batch.total_amount),
            "first": first,
        },
    )
    return file


@dataclass(frozen=True)
class Reconciled:
    batch: PaymentBatch
    paid: int
    failed: int


def _match(
    lines: dict[str, PaymentLine], rows: list[ReturnRow]
) -> tuple[list[tuple[PaymentLine, ReturnRow]], list[Message]]:
    errors: list[Message] = []
    seen: set[str] = set()
    matched = []
    for row in rows:
        line = lines.get(row.sequence)
        if line is None:
            errors.append(
                _("第 %(row)s 行：序号 %(seq)s 不在本批次中。")
                % {"row": row.row, "seq": row.sequence}
            )
            continue
        if row.sequence in seen:
            errors.append(
                _("第 %(row)s 行：序号 %(seq)s 重复。") % {"row": row.row, "seq": row.sequence}
            )
            continue
        seen.add(row.sequence)
        if row.account_number != line.account_number:
            errors.append(
                _("第 %(row)s 行：账号与本批次第 %(seq)s 笔不符。")
                % {"row": row.row, "seq": row.sequence}
            )
        if row.amount_fen != int(line.amount * 100):
            errors.append(
                _("第 %(row)s 行：金额与本批次第 %(seq)s 笔不符。")
                % {"row": row.row, "seq": row.sequence}
            )
        matched.append((line, row))
    missing = sorted(set(lines) - seen, key=int)
    if missing:
        errors.append(
            _("回盘文件缺少本批次第 %(seqs)s 笔的结果。")
            % {"seqs": "、".join(missing[:MAX_ERRORS_SHOWN])}
        )
    return matched, errors


@transaction.atomic
def batch_reconcile(*, actor: User, batch_id: RecordId, content: bytes) -> Reconciled:
    """对账: mark each line paid or failed from the bank's return file, all or nothing.

    Raises:
        ApplicationError: the file is not of the batch's layout, or does not answer for every
            line once with its account and amount (``return_mismatch``; the rows are listed in
            ``fields["file"]``, nothing is recorded).
    """
    batch = batch_lock(actor, batch_id, Capability.PAYMENT_MANAGE)
    expect_status(batch, BatchStatus.EXPORTED)
    layout = layout_get(batch.bank_layout)
    rows = return_parse(layout, content)
    lines = {
        str(line.sequence): line
        for line in batch.lines.select_for_update().only(
            "pk", "sequence", "account_number", "amount"
        )
    }
    matched, errors = _match(lines, rows)
    if errors:
        shown = "；".join(str(e) for e in errors[:MAX_ERRORS_SHOWN])
        raise ApplicationError(
            _("回盘文件与本批次不符，未做任何记录：%(errors)s") % {"errors": shown},
            code=PaymentsErrorCode.RETURN_MISMATCH,
            fields={"file": shown},
        )
    settled = now()
    columns_set(
        PaymentLine,
        [line.pk for line, _row in matched],
        {
            "status": [
                LineStatus.PAID.value if row.paid else LineStatus.FAILED.value
                for _line, row in matched
            ],
            "bank_reason": [row.reason[:128] for _line, row in matched],
            "settled_at": Constant(settled),
        },
    )
    offsets_release(line_ids=[line.pk for line, row in matched if not row.paid])
    sums = batch.lines.aggregate(
        paid=Count("id", filter=Q(status=LineStatus.PAID)),
        paid_amount=Sum("amount", filter=Q(status=LineStatus.PAID)),
        failed=Count("id", filter=Q(status=LineStatus.FAILED)),
        failed_amount=Sum("amount", filter=Q(status=LineStatus.FAILED)),
    )
    batch.paid_count = sums["paid"]
    batch.paid_amount = Decimal(sums["paid_amount"] or 0).quantize(CENT)
    batch.failed_count = sums["failed"]
    batch.failed_amount = Decimal(sums["failed_amount"] or 0).quantize(CENT)
    # To the fen: what the bank paid and what it returned is what the batch sent.
    if batch.paid_amount + batch.failed_amount != batch.total_amount:
        raise ApplicationError(
            _("对账金额不平，未做任何记录。"), code=PaymentsErrorCode.RETURN_MISMATCH
        )
    batch.status = BatchStatus.RECONCILED
    batch.return_sha256 = hashlib.sha256(content).hexdigest()
    batch.reconciled_by = actor
    batch.reconciled_at = settled
    batch.save(
        update_fields=[
            "paid_count",
            "paid_amount",
            "failed_count",
            "failed_amount",
            "status",
            "return_sha256",
            "reconciled_by",
            "reconciled_at",
            "updated_at",
        ]
    )
    batch_audit(
        actor,
        batch,
        "reconcile",
        paid=batch.paid_count,
        failed=batch.failed_count,
        paid_amount=str(batch.paid_amount),
        sha256=batch.return_sha256,
    )
    return Reconciled(batch, batch.paid_count, batch.failed_count)
