"""追缴: a stop found late makes the months paid since a recovery, offset where allowed."""

import datetime as dt
from decimal import Decimal

import pytest

from minzheng.cases.enums import ScheduleStatus
from minzheng.cases.selectors.schedules import schedules_owing
from minzheng.core.exceptions import ApplicationError, PermissionDenied
from minzheng.core.models import AuditEvent
from minzheng.payments.enums import LineStatus, RecoveryStatus
from minzheng.payments.models import PaymentSetting, Recovery
from minzheng.payments.services.bank_files import batch_export, batch_reconcile
from minzheng.payments.services.batches import batch_approve, batch_check, batch_prepare
from minzheng.payments.services.recoveries import recoveries_detect, recovery_settle
from minzheng.payments.tests.conftest import JANUARY
from minzheng.payments.tests.factories import PaymentLineFactory
from minzheng.payments.tests.helpers import bank_return

pytestmark = pytest.mark.django_db
FEBRUARY = dt.date(2027, 2, 1)


def _paid_batch(preparer, checker, approver, month, failures=None):
    batch = batch_prepare(actor=preparer, month=month).batch
    batch_check(actor=checker, batch_id=batch.pk, agree=True, note="核对无误")
    batch_approve(actor=approver, batch_id=batch.pk, agree=True, note="同意")
    batch_export(actor=preparer, batch_id=batch.pk, layout_code="csv_utf8")
    batch_reconcile(
        actor=preparer, batch_id=batch.pk, content=bank_return(batch, failures=failures)
    )
    return batch


@pytest.fixture
def overpaid(roll, frozen, preparer, checker, approver):
    """张秀英 was paid January and February; her death in December is found in February."""
    _paid_batch(preparer, checker, approver, JANUARY)
    frozen.move_to("2027-01-25 10:00 +0800")
    _paid_batch(preparer, checker, approver, FEBRUARY)
    stopped = roll[0]
    stopped.end_month = dt.date(2026, 12, 1)
    stopped.status = ScheduleStatus.STOPPED
    stopped.save(update_fields=["end_month", "status"])
    frozen.move_to("2027-02-25 10:00 +0800")
    return stopped


def test_months_paid_after_a_back_dated_stop_become_recoveries(overpaid, preparer):
    march = batch_prepare(actor=preparer, month=dt.date(2027, 3, 1)).batch
    recoveries = Recovery.objects.filter(household=overpaid.household).order_by("line__month")
    assert [(r.line.month, r.amount, r.status) for r in recoveries] == [
        (JANUARY, Decimal("525.00"), RecoveryStatus.OPEN),
        (FEBRUARY, Decimal("525.00"), RecoveryStatus.OPEN),
    ]
    assert not march.lines.filter(household=overpaid.household).exists()
    event = AuditEvent.objects.get(target_type="payments.recovery")
    assert event.changes["detected"] == 2
    # Looking again finds nothing new: one recovery per overpaid line.
    scope = schedules_owing(low=330482000000, high=330482999999, month=dt.date(2027, 3, 1))
    assert recoveries_detect(actor=preparer, schedules=scope) == 0
    assert Recovery.objects.count() == 2


def test_where_the_county_allows_it_later_payments_are_offset(
    roll, frozen, preparer, checker, approver
):
    PaymentSetting.objects.create(
        name="offset_percent",
        region="330482",
        start=dt.date(2026, 1, 1),
        value=Decimal("30"),
        reference="平湖市民政局 2026 年发放管理办法(测试)",
        created_by=approver,
    )
    # 李桂兰's 低保 was paid for November, a month her review found she was not owed.
    home = roll[1].household
    old = roll[1]
    old_line = PaymentLineFactory(schedule=old, month=dt.date(2026, 11, 1))
    Recovery.objects.create(household=home, line=old_line, amount=Decimal("845.00"))

    batch = batch_prepare(actor=preparer, month=JANUARY).batch

    line = batch.lines.get(household=home)
    assert (line.gross, line.offset, line.amount) == (
        Decimal("845.00"),
        Decimal("253.50"),
        Decimal("591.50"),
    )
    recovery = Recovery.objects.get(line=old_line)
    assert (recovery.recovered, recovery.status) == (Decimal("253.50"), RecoveryStatus.OPEN)
    assert batch.total_amount == Decimal("1416.50")

    batch_check(actor=checker, batch_id=batch.pk, agree=True, note="核对无误")
    batch_approve(actor=approver, batch_id=batch.pk, agree=True, note="同意")
    batch_export(actor=preparer, batch_id=batch.pk, layout_code="csv_utf8")
    batch_reconcile(
        actor=preparer,
        batch_id=batch.pk,
        content=bank_return(batch, failures={line.sequence: "E103"}),
    )
    recovery.refresh_from_db()
    assert recovery.recovered == Decimal("0.00")  # the bank returned it: nothing was recovered
    assert batch.lines.get(household=home).status == LineStatus.FAILED


def test_a_recovery_repaid_or_written_off_is_recorded_with_its_evidence(
    overpaid, preparer, approver
):
    batch_prepare(actor=preparer, month=dt.date(2027, 3, 1))
    first, second = Recovery.objects.order_by("line__month")
    home = overpaid.household_id
    with pytest.raises(ApplicationError) as refused:
        recovery_settle(
            actor=preparer, household_id=home, recovery_id=first.pk, status="recovered", note=""
        )
    assert "note" in refused.value.fields
    recovery_settle(
        actor=preparer,
        household_id=home,
        recovery_id=first.pk,
        status="recovered",
        note="缴款书 2027-015",
    )
    with pytest.raises(PermissionDenied):  # writing off needs the approval right
        recovery_settle(
            actor=preparer, household_id=home, recovery_id=second.pk, status="waived", note="x"
        )
    recovery_settle(
        actor=approver,
        household_id=home,
        recovery_id=second.pk,
        status="waived",
        note="县局会议纪要 3 号",
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.recovered) == (RecoveryStatus.RECOVERED, Decimal("525.00"))
    assert second.status == RecoveryStatus.WAIVED
