"""A bank's return file written the way the bank writes it, and the no-side-effect check."""

from collections.abc import Callable
from contextlib import contextmanager

from minzheng.core.models import AuditEvent
from minzheng.payments.models import (
    BankAccount,
    PaymentBatch,
    PaymentLine,
    Recovery,
    RecoveryOffset,
)
from minzheng.payments.services.batches import batch_approve, batch_check, batch_prepare
from minzheng.payments.tests.conftest import JANUARY

TABLES = (BankAccount, PaymentBatch, PaymentLine, Recovery, RecoveryOffset, AuditEvent)


def _snapshot():
    return {
        "counts": {model.__name__: model.objects.count() for model in TABLES},
        "batches": list(PaymentBatch.objects.order_by("pk").values_list("pk", "status")),
        "lines": list(PaymentLine.objects.order_by("pk").values_list("pk", "status", "amount")),
        "accounts": list(BankAccount.objects.order_by("pk").values_list("pk", "ended_at")),
    }


@contextmanager
def nothing_written():
    """Assert the block (which is expected to raise) leaves every payment table as it was."""
    before = _snapshot()
    try:
        yield
    finally:
        assert _snapshot() == before


def _fixed_row(line: PaymentLine, result: str, reason: str) -> str:
    def pad(text: str, width: int) -> str:
        return text + " " * (width - len(text.encode("gbk")))

    fen = int(line.amount * 100)
    return (
        f"D{line.sequence:08d}{pad(line.account_number, 32)}{pad(line.holder_name, 40)}"
        f"{fen:012d}{result:<4}{pad(reason, 40)}"
    )


def bank_return(
    batch: PaymentBatch,
    *,
    failures: dict[int, str] | None = None,
    tamper: Callable[[list[str]], list[str]] = lambda rows: rows,
) -> bytes:
    """The return of the batch's layout: every line paid but those in ``failures`` (sequence →
    the bank's failure code)."""
    batch.refresh_from_db()
    failures = failures or {}
    lines = list(batch.lines.order_by("sequence"))
    if batch.bank_layout == "fixed_gbk":
        rows = [
            _fixed_row(
                line,
                failures.get(line.sequence, "0000"),
                "" if line.sequence not in failures else "见代码",
            )
            for line in lines
        ]
        rows = tamper(rows)
        return "".join(f"{row}\r\n" for row in rows).encode("gbk")
    rows = [
        f"{line.sequence},{line.account_number},{line.holder_name},{line.amount},"
        f"{failures.get(line.sequence, '成功')},"
        for line in lines
    ]
    rows = tamper(rows)
    return (
        "序号,账号,户名,金额,处理结果,失败原因\r\n" + "".join(f"{r}\r\n" for r in rows)
    ).encode()


def approved_batch(preparer, checker, approver, month=JANUARY, **scope):
    """A batch of ``month`` made, checked and approved by the three people."""
    batch = batch_prepare(actor=preparer, month=month, **scope).batch
    batch_check(actor=checker, batch_id=batch.pk, agree=True, note="名单与上月核对无误")
    batch_approve(actor=approver, batch_id=batch.pk, agree=True, note="同意发放")
    return PaymentBatch.objects.get(pk=batch.pk)
