"""A month's batch through 制单, 复核, 审批, the bank file and the bank's return."""

import datetime as dt
from decimal import Decimal

import pytest

from minzheng.accounts.enums import Role
from minzheng.core.exceptions import ApplicationError, NotFound, PermissionDenied
from minzheng.core.models import AuditEvent
from minzheng.payments.enums import BatchKind, BatchStatus, LineChange, LineStatus
from minzheng.payments.models import PaymentLine
from minzheng.payments.services.accounts import account_set
from minzheng.payments.services.bank_files import batch_export, batch_reconcile
from minzheng.payments.services.batches import batch_approve, batch_check, batch_prepare
from minzheng.payments.tests.conftest import DANGHU, JANUARY, recipient
from minzheng.payments.tests.helpers import approved_batch, bank_return, nothing_written

pytestmark = pytest.mark.django_db


def test_prepare_lists_every_household_owed_with_its_account(roll, preparer):
    prepared = batch_prepare(actor=preparer, month=JANUARY)
    batch = prepared.batch
    assert (batch.number, batch.kind, batch.status) == (
        "FF202701-01",
        BatchKind.REGULAR,
        BatchStatus.PREPARED,
    )
    assert (batch.payee_count, batch.total_amount) == (3, Decimal("1670.00"))
    lines = list(batch.lines.order_by("holder_name"))
    assert sorted((line.holder_name, line.amount, line.change) for line in lines) == [
        ("张秀英", Decimal("525.00"), LineChange.NEW),
        ("李桂兰", Decimal("845.00"), LineChange.NEW),
        ("王阿大", Decimal("300.00"), LineChange.NEW),
    ]
    assert sorted(line.sequence for line in lines) == [1, 2, 3]
    assert all(len(line.holder_id_number) == 18 for line in lines)
    event = AuditEvent.objects.get(target_type="payments.batch")
    assert event.changes["lines"] == 3
    assert "张秀英" not in str(event.changes)


def test_a_township_batch_pays_only_its_households(roll, preparer):
    batch = batch_prepare(actor=preparer, month=JANUARY, division_code=DANGHU).batch
    assert sorted(batch.lines.values_list("holder_name", flat=True)) == ["张秀英", "李桂兰"]


def test_households_without_an_account_are_left_out_and_counted(roll, preparer):
    recipient("赵无卡", "400.00", account=False)
    prepared = batch_prepare(actor=preparer, month=JANUARY)
    assert (prepared.batch.payee_count, prepared.without_account) == (3, 1)


def test_a_month_cannot_be_prepared_before_its_lead_days(roll, preparer):
    with nothing_written(), pytest.raises(ApplicationError) as refused:
        batch_prepare(actor=preparer, month=dt.date(2027, 2, 1))
    assert refused.value.code == "too_early"
    assert "2027年2月 的发放最早可于 2027年1月22日 制单" in str(refused.value.message)


def test_nothing_owed_is_refused_in_chinese(frozen, preparer):
    with nothing_written(), pytest.raises(ApplicationError, match="没有待发放的款项"):
        batch_prepare(actor=preparer, month=JANUARY)


def test_three_different_people_take_a_batch_to_approval(roll, preparer, checker, approver):
    batch = batch_prepare(actor=preparer, month=JANUARY).batch
    with nothing_written(), pytest.raises(PermissionDenied, match="三个不同的人"):
        batch_check(actor=preparer, batch_id=batch.pk, agree=True, note="自己复核")
    with nothing_written(), pytest.raises(ApplicationError, match="请填写意见"):
        batch_check(actor=checker, batch_id=batch.pk, agree=True, note="  ")
    batch_check(actor=checker, batch_id=batch.pk, agree=True, note="核对无误")
    with nothing_written(), pytest.raises(PermissionDenied):
        batch_approve(actor=checker, batch_id=batch.pk, agree=True, note="同意")
    batch_approve(actor=approver, batch_id=batch.pk, agree=True, note="同意发放")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.APPROVED
    assert (batch.prepared_by, batch.checked_by, batch.approved_by) == (preparer, checker, approver)


def test_an_admin_who_prepared_cannot_approve(roll, approver, checker):
    batch = batch_prepare(actor=approver, month=JANUARY).batch
    batch_check(actor=checker, batch_id=batch.pk, agree=True, note="核对无误")
    with nothing_written(), pytest.raises(PermissionDenied, match="三个不同的人"):
        batch_approve(actor=approver, batch_id=batch.pk, agree=True, note="同意")


def test_approval_needs_the_approval_right(roll, preparer, checker, make_staff):
    batch = batch_prepare(actor=preparer, month=JANUARY).batch
    batch_check(actor=checker, batch_id=batch.pk, agree=True, note="核对无误")
    third = make_staff(Role.COUNTY_CASEWORKER)
    with nothing_written(), pytest.raises(PermissionDenied):
        batch_approve(actor=third, batch_id=batch.pk, agree=True, note="同意")


def test_a_township_worker_sees_no_batch(roll, preparer, make_staff):
    batch = batch_prepare(actor=preparer, month=JANUARY).batch
    with nothing_written(), pytest.raises((PermissionDenied, NotFound)):
        batch_check(
            actor=make_staff(Role.TOWNSHIP_WORKER, DANGHU), batch_id=batch.pk, agree=True, note="x"
        )


def test_a_batch_sent_back_frees_its_months_for_the_next(roll, preparer, checker):
    batch = batch_prepare(actor=preparer, month=JANUARY).batch
    batch_check(actor=checker, batch_id=batch.pk, agree=False, note="李桂兰金额待核实")
    batch.refresh_from_db()
    assert (batch.status, batch.cancel_reason) == (BatchStatus.CANCELLED, "李桂兰金额待核实")
    assert not batch.lines.exists()
    again = batch_prepare(actor=preparer, month=JANUARY).batch
    assert (again.number, again.kind, again.payee_count) == ("FF202701-02", BatchKind.REGULAR, 3)


def test_a_month_is_never_in_two_batches(roll, preparer):
    batch_prepare(actor=preparer, month=JANUARY)
    with nothing_written(), pytest.raises(ApplicationError, match="没有待发放的款项"):
        batch_prepare(actor=preparer, month=JANUARY)


def test_export_is_reproducible_and_audited(roll, preparer, checker, approver):
    batch = approved_batch(preparer, checker, approver)
    with nothing_written(), pytest.raises(ApplicationError):
        batch_export(actor=preparer, batch_id=batch.pk, layout_code="no_such_bank")
    first = batch_export(actor=preparer, batch_id=batch.pk, layout_code="fixed_gbk")
    again = batch_export(actor=checker, batch_id=batch.pk, layout_code="fixed_gbk")
    assert first.content == again.content
    assert first.name == "FF202701-01-fixed_gbk.txt"
    batch.refresh_from_db()
    assert (batch.status, batch.file_sha256) == (BatchStatus.EXPORTED, first.sha256)
    exports = AuditEvent.objects.filter(target_type="payments.batch", action="export")
    assert [e.changes["sha256"] for e in exports] == [first.sha256, first.sha256]
    with pytest.raises(ApplicationError, match="不能改用其他格式"):
        batch_export(actor=preparer, batch_id=batch.pk, layout_code="csv_utf8")


def test_a_batch_is_exported_only_onceapproved_batch(roll, preparer, checker):
    batch = batch_prepare(actor=preparer, month=JANUARY).batch
    batch_check(actor=checker, batch_id=batch.pk, agree=True, note="核对无误")
    with nothing_written(), pytest.raises(ApplicationError, match="不能办理此步骤"):
        batch_export(actor=preparer, batch_id=batch.pk, layout_code="csv_utf8")


def test_the_return_marks_lines_paid_or_failed_to_the_fen(roll, preparer, checker, approver):
    batch = approved_batch(preparer, checker, approver)
    batch_export(actor=preparer, batch_id=batch.pk, layout_code="fixed_gbk")
    seq = batch.lines.get(holder_name="李桂兰").sequence
    content = bank_return(batch, failures={seq: "E101"})

    result = batch_reconcile(actor=preparer, batch_id=batch.pk, content=content)

    batch.refresh_from_db()
    assert (result.paid, result.failed) == (2, 1)
    assert (batch.status, batch.paid_amount, batch.failed_amount) == (
        BatchStatus.RECONCILED,
        Decimal("825.00"),
        Decimal("845.00"),
    )
    failed = batch.lines.get(status=LineStatus.FAILED)
    assert (failed.holder_name, failed.bank_reason) == ("李桂兰", "账户已销户")
    with pytest.raises(ApplicationError, match="不能办理此步骤"):
        batch_reconcile(actor=preparer, batch_id=batch.pk, content=content)


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (lambda rows: rows[:-1], "缺少本批次第 3 笔"),
        (lambda rows: [*rows, rows[0]], "重复"),
        (
            lambda rows: [r.replace("000000052500", "000000052600") for r in rows],
            "金额与本批次第",
        ),
    ],
)
def test_a_return_that_disagrees_records_nothing(
    roll, preparer, checker, approver, tamper, message
):
    batch = approved_batch(preparer, checker, approver)
    batch_export(actor=preparer, batch_id=batch.pk, layout_code="fixed_gbk")
    content = bank_return(batch, tamper=tamper)
    with nothing_written(), pytest.raises(ApplicationError) as refused:
        batch_reconcile(actor=preparer, batch_id=batch.pk, content=content)
    assert message in str(refused.value.message)
    assert refused.value.code == "return_mismatch"
    assert not PaymentLine.objects.exclude(status=LineStatus.PENDING).exists()


def test_a_failed_payment_is_reissued_to_the_corrected_account(roll, preparer, checker, approver):
    batch = approved_batch(preparer, checker, approver)
    batch_export(actor=preparer, batch_id=batch.pk, layout_code="csv_utf8")
    seq = batch.lines.get(holder_name="李桂兰").sequence
    batch_reconcile(
        actor=preparer, batch_id=batch.pk, content=bank_return(batch, failures={seq: "E101"})
    )
    home = roll[1].household
    head = home.memberships.get().person
    account_set(
        actor=preparer,
        household_id=home.pk,
        person_id=head.pk,
        kind="huimin_card",
        bank_name="平湖农商银行",
        number="6230 1234 5678 9012",
        holder_name="李桂兰",
        reason="原社保卡已销户，改用一卡通",
    )

    supplementary = batch_prepare(actor=preparer, month=JANUARY).batch

    assert (supplementary.kind, supplementary.number) == (BatchKind.SUPPLEMENTARY, "FF202701-02")
    line = supplementary.lines.get()
    assert (line.holder_name, line.account_number, line.change) == (
        "李桂兰",
        "6230123456789012",
        LineChange.REISSUE,
    )


def test_next_month_explains_what_changed(roll, preparer, checker, approver, frozen):
    batch = approved_batch(preparer, checker, approver)
    batch_export(actor=preparer, batch_id=batch.pk, layout_code="csv_utf8")
    batch_reconcile(
        actor=preparer, batch_id=batch.pk, content=bank_return(batch, failures={3: "E102"})
    )
    roll[0].monthly_amount = Decimal("600.00")
    roll[0].save(update_fields=["monthly_amount"])
    recipient("陈新户", "200.00", start=dt.date(2027, 2, 1))
    frozen.move_to("2027-01-25 10:00 +0800")

    february = batch_prepare(actor=preparer, month=dt.date(2027, 2, 1)).batch

    changes = {(line.holder_name, line.month.month): line.change for line in february.lines.all()}
    assert changes == {
        ("张秀英", 2): LineChange.CHANGED,
        ("李桂兰", 2): LineChange.SAME,
        ("王阿大", 1): LineChange.REISSUE,
        ("王阿大", 2): LineChange.SAME,  # January was sent, though the bank returned it
        ("陈新户", 2): LineChange.NEW,
    }


def test_a_one_off_grant_is_paid_once(frozen, preparer, checker, approver):
    recipient("周临时", "1500.00", start=dt.date(2026, 12, 1), code="temporary")
    december = dt.date(2026, 12, 1)
    batch = batch_prepare(actor=preparer, month=december).batch
    line = batch.lines.get()
    assert (line.change, line.amount, line.month) == (
        LineChange.ONE_OFF,
        Decimal("1500.00"),
        december,
    )
    batch_check(actor=checker, batch_id=batch.pk, agree=True, note="核对无误")
    batch_approve(actor=approver, batch_id=batch.pk, agree=True, note="同意")
    batch_export(actor=preparer, batch_id=batch.pk, layout_code="csv_utf8")
    batch_reconcile(actor=preparer, batch_id=batch.pk, content=bank_return(batch))
    with pytest.raises(ApplicationError, match="没有待发放的款项"):
        batch_prepare(actor=preparer, month=JANUARY)


def test_a_one_off_decided_last_month_is_still_one_off_in_the_next_batch(roll, preparer):
    recipient("周临时", "1500.00", start=dt.date(2026, 12, 1), code="temporary")
    batch = batch_prepare(actor=preparer, month=JANUARY).batch
    line = batch.lines.get(holder_name="周临时")
    assert (line.month, line.change) == (dt.date(2026, 12, 1), LineChange.ONE_OFF)
