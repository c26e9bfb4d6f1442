"""A household in 松枫社区 with known benefits, at a frozen Friday in November 2026.

What the household receives (the annual total is 6,300.00 + 2,704.50 + 1,500.00 = 10,504.50):

- 最低生活保障 (dibao), monthly 525.00 from 2025-10, no end: 12 months of 2026 → 6,300.00;
  paid January to October 2026 → 5,250.00 (and December 2025, another year).
- 支出型低保, monthly 300.50 from 2026-04 to 2027-03: 9 months of 2026 → 2,704.50; unpaid.
- 临时救助, one-off 1,500.00 in 2026-06 → 1,500.00; paid.
- 医疗救助 (referral) and 电费减免 (fee waiver) with the dibao decision: 0.
"""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import cache

from minzheng.accounts.enums import Role
from minzheng.cases.enums import ApplicationStatus
from minzheng.cases.tests.factories import (
    ApplicationFactory,
    ApplicationItemFactory,
    PaymentScheduleFactory,
    item,
)
from minzheng.eligibility.contracts import Suggestion
from minzheng.payments.enums import LineStatus
from minzheng.payments.tests.factories import PaymentLineFactory
from minzheng.registry.enums import Relation
from minzheng.registry.tests.factories import HouseholdFactory, MembershipFactory
from minzheng.statements.sms import MemorySmsBackend

PINGHU = 330482000000
DANGHU = 330482001000  # 当湖街道
SONGFENG = 330482001034  # 松枫社区, in 当湖街道
ZHAPU = 330482101000  # 乍浦镇
DECIDED = dt.datetime(2025, 9, 25, 10, 0, tzinfo=dt.UTC)
PARAMETERS = {"dibao.standard": 1145, "dibao.edge_multiplier": 1.5}
RIGID_PARAMETERS = {"dibao.standard": 1145, "rigid.disposable_income_last_year": 52000.0}
HEAD_PHONE = "13800001234"
_decisions = itertools.count(1)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2026-11-20 10:00 +0800", tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def clean_outbox_and_cache():
    MemorySmsBackend.outbox.clear()
    cache.clear()
    yield
    MemorySmsBackend.outbox.clear()


@pytest.fixture
def suggest(monkeypatch):
    """Make the rules suggest the given programmes for every household."""

    def make(*programmes: tuple[str, str, int]) -> None:
        found = [
            Suggestion(
                programme=code,
                programme_label=label,
                monthly_amount=amount,
                sentences=[f"{label}：家庭月人均收入低于标准。"],
                as_of=dt.date(2026, 10, 31),
            )
            for code, label, amount in programmes
        ]
        monkeypatch.setattr(
            "minzheng.statements.selectors.statement.household_suggestions",
            lambda *, household_id: list(found),
        )

    return make


def _schedule(home, code, amount, start, end=None, *, decided=DECIDED, **item_fields):
    return PaymentScheduleFactory(
        application_item__application__household=home,
        application_item__application__status=ApplicationStatus.APPROVED,
        application_item__application__decided_at=decided,
        application_item__application__decision_number=f"JD20250925-{next(_decisions):04d}",
        application_item__application__start_month=start,
        application_item__item=item(code),
        application_item__granted_amount=amount,
        monthly_amount=amount,
        start_month=start,
        end_month=end,
        **{f"application_item__{name}": value for name, value in item_fields.items()},
    )


def benefits_for(home):
    """Give ``home`` the benefits of the table above; returns the dibao schedule."""
    dibao = _schedule(
        home,
        "dibao",
        Decimal("525.00"),
        dt.date(2025, 10, 1),
        rules_version="2026.11",
        parameters=PARAMETERS,
    )
    application = dibao.application_item.application
    for code in ("medical", "electricity_waiver"):
        ApplicationItemFactory(
            application=application,
            item=item(code),
            granted=True,
            rules_version="2026.11",
            parameters=PARAMETERS,
        )
    _schedule(
        home,
        "rigid_expenditure",
        Decimal("300.50"),
        dt.date(2026, 4, 1),
        dt.date(2027, 3, 1),
        decided=DECIDED - dt.timedelta(days=30),
        rules_version="2026.11",
        parameters=RIGID_PARAMETERS,
    )
    one_off = _schedule(
        home,
        "temporary",
        Decimal("1500.00"),
        dt.date(2026, 6, 1),
        dt.date(2026, 6, 1),
        decided=DECIDED - dt.timedelta(days=60),
    )
    # Paid by the bank January to October and last December; November's line came back failed.
    for month in range(1, 11):
        PaymentLineFactory(schedule=dibao, month=dt.date(2026, month, 1))
    PaymentLineFactory(schedule=dibao, month=dt.date(2025, 12, 1))
    PaymentLineFactory(schedule=dibao, month=dt.date(2026, 11, 1), status=LineStatus.FAILED)
    PaymentLineFactory(schedule=one_off, month=dt.date(2026, 6, 1))
    return dibao


def family_home(number="T0000004242"):
    """张秀英 (head, phone on record) and her son 王建国 in 松枫社区, without benefits."""
    home = HouseholdFactory(number=number)
    head = MembershipFactory(
        household=home,
        relation=Relation.HEAD,
        person__name="张秀英",
        person__birth_date=dt.date(1958, 3, 2),
        person__gender="female",
        person__phone=HEAD_PHONE,
    ).person
    son = MembershipFactory(
        household=home,
        relation=Relation.CHILD,
        person__name="王建国",
        person__birth_date=dt.date(1985, 6, 1),
    ).person
    return home, head, son


@pytest.fixture
def home(db):
    household, _head, _son = family_home()
    benefits_for(household)
    return household


@pytest.fixture
def head(home):
    return home.memberships.get(relation=Relation.HEAD).person


@pytest.fixture
def township_worker(make_staff):
    return make_staff(Role.TOWNSHIP_WORKER, DANGHU)


@pytest.fixture
def village_worker(make_staff):
    return make_staff(Role.VILLAGE_WORKER, SONGFENG)


@pytest.fixture
def in_progress_application(home):
    """An application of ``home`` waiting for the 入户调查, asking for 低保边缘 and 教育救助."""
    application = ApplicationFactory(
        household=home, number="SQ20261118-0007", current_step="investigation"
    )
    ApplicationItemFactory(application=application, item=item("dibao_edge"))
    ApplicationItemFactory(application=application, item=item("education"))
    ApplicationItemFactory(application=application, item=item("housing"), requested=False)
    return application
