"""The monthly payment run: idempotent, scoped, audited once; the command prints counts."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from minzheng.accounts.enums import Role
from minzheng.cases.enums import LedgerStatus
from minzheng.cases.models import PaymentLedgerEntry
from minzheng.cases.services.payments import payment_month_run
from minzheng.cases.tests.factories import PaymentScheduleFactory, item, poor_home
from minzheng.core.exceptions import PermissionDenied
from minzheng.core.models import AuditEvent
from minzheng.divisions.models import Division
from minzheng.registry.tests.factories import HouseholdFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
DECEMBER = dt.date(2026, 12, 1)


@pytest.fixture
def schedules():
    dibao = PaymentScheduleFactory(household=poor_home())
    one_off = PaymentScheduleFactory(
        application_item__item=item("temporary"),
        monthly_amount=Decimal("3000.00"),
        end_month=DECEMBER,
    )
    ended = PaymentScheduleFactory(start_month=dt.date(2026, 6, 1), end_month=dt.date(2026, 11, 1))
    later = PaymentScheduleFactory(start_month=dt.date(2027, 1, 1))
    return dibao, one_off, ended, later


def test_a_month_run_pays_each_running_schedule_once(schedules, county_worker):
    dibao, one_off, _ended, _later = schedules

    run = payment_month_run(actor=county_worker, month=dt.date(2026, 12, 15))

    assert (run.month, run.schedules, run.created, run.paid) == (DECEMBER, 2, 2, 2)
    assert run.amount_paid == Decimal("3525.00")
    entries = PaymentLedgerEntry.objects.order_by("amount")
    assert [(e.schedule_id, e.month, e.amount, e.status) for e in entries] == [
        (dibao.pk, DECEMBER, Decimal("525.00"), LedgerStatus.PAID),
        (one_off.pk, DECEMBER, Decimal("3000.00"), LedgerStatus.PAID),
    ]
    event = AuditEvent.objects.get(target_type="cases.payment_run")
    assert event.changes == {
        "step": "payment",
        "month": "2026-12",
        "created": 2,
        "paid": 2,
        "amount": "3525.00",
    }


def test_running_the_same_month_twice_adds_nothing(schedules, county_worker):
    payment_month_run(actor=county_worker, month=DECEMBER)

    again = payment_month_run(actor=county_worker, month=DECEMBER)

    assert (again.created, again.paid, again.amount_paid) == (0, 0, Decimal("0.00"))
    assert PaymentLedgerEntry.objects.count() == 2
    assert AuditEvent.objects.filter(target_type="cases.payment_run").count() == 1


def test_the_one_off_item_is_paid_in_its_month_only(schedules):
    payment_month_run(actor=None, month=DECEMBER)
    january = payment_month_run(actor=None, month=dt.date(2027, 1, 1))

    assert (january.schedules, january.created) == (2, 2)  # 低保 twice, the 2027 start once
    assert PaymentLedgerEntry.objects.filter(schedule__item__code="temporary").count() == 1


def test_a_user_pays_only_inside_the_jurisdiction(schedules, make_staff):
    zhapu = Division.objects.get(code=330482101006)  # 长安桥社区, 乍浦镇
    PaymentScheduleFactory(household=HouseholdFactory(division=zhapu))
    township_payer = make_staff(Role.COUNTY_ADMIN, 330482101000)

    run = payment_month_run(actor=township_payer, month=DECEMBER)

    assert (run.schedules, run.created) == (1, 1)


def test_paying_needs_the_payment_capability(schedules, township_worker):
    with pytest.raises(PermissionDenied):
        payment_month_run(actor=township_worker, month=DECEMBER)
    assert PaymentLedgerEntry.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_the_command_runs_a_month_and_prints_counts(schedules):
    out = StringIO()
    call_command("cases", "pay", "--month", "2026-12", stdout=out, stderr=StringIO())
    call_command("cases", "pay", "--month", "2026-12", stdout=out, stderr=StringIO())

    assert out.getvalue().splitlines() == [
        "2026-12 发放完成：应发放计划 2，新增台账 2，标记已发放 2，金额 3525.00 元",
        "2026-12 发放完成：应发放计划 2，新增台账 0，标记已发放 0，金额 0.00 元",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2026-13"], "--month 应为 YYYY-MM 格式的月份"),
        (["--month", "2026-12", "--user", "nobody"], "账号不存在或已停用：nobody"),
    ],
)
def test_bad_arguments_are_named_in_chinese(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("cases", "pay", *args, stdout=StringIO(), stderr=StringIO())
