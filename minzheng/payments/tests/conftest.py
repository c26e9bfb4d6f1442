"""Three families on 低保 in 当湖街道 and 乍浦镇, and the three people a batch needs."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from minzheng.accounts.enums import Role
from minzheng.cases.tests.factories import PaymentScheduleFactory, item, poor_home
from minzheng.divisions.models import Division
from minzheng.payments.tests.factories import BankAccountFactory

PINGHU = 330482000000
DANGHU = 330482001000
ZHAPU_VILLAGE = 330482101006  # 长安桥社区, 乍浦镇
JANUARY = dt.date(2027, 1, 1)


@pytest.fixture
def frozen():
    # Christmas Eve 2026: January may be prepared (10 days' lead), February not yet.
    with time_machine.travel("2026-12-24 10:00 +0800", tick=False) as traveller:
        yield traveller


@pytest.fixture
def preparer(make_staff):
    return make_staff(Role.COUNTY_CASEWORKER, PINGHU)


@pytest.fixture
def checker(make_staff):
    return make_staff(Role.COUNTY_CASEWORKER, PINGHU)


@pytest.fixture
def approver(make_staff):
    return make_staff(Role.COUNTY_ADMIN, PINGHU)


def recipient(name: str, amount: str, *, start=JANUARY, code="dibao", division=None, account=True):
    """A household owed ``amount`` a month from ``start`` (a one-off in ``start`` for
    临时救助), with a current account unless ``account`` is False."""
    extra = {"division": Division.objects.get(code=division)} if division else {}
    home = poor_home(name, **extra)
    one_off = code == "temporary"
    schedule = PaymentScheduleFactory(
        application_item__application__household=home,
        application_item__item=item(code),
        application_item__granted_amount=Decimal(amount),
        monthly_amount=Decimal(amount),
        start_month=start,
        end_month=start if one_off else None,
    )
    if account:
        BankAccountFactory(household=home)
    return schedule


@pytest.fixture
def roll(frozen, db):
    """张秀英 525 and 李桂兰 845 in 松枫社区, 王阿大 300 in 乍浦镇; all from January."""
    return [
        recipient("张秀英", "525.00"),
        recipient("李桂兰", "845.00"),
        recipient("王阿大", "300.00", division=ZHAPU_VILLAGE),
    ]
