"""A small roll of 松枫社区's recipients, and the rules' current run over their households."""

import datetime as dt

import pytest

from minzheng.accounts.system import system_user
from minzheng.eligibility.services import determinations_run
from minzheng.integration.enums import Department
from minzheng.integration.tests.factories import source_record
from minzheng.registry.enums import Relation
from minzheng.registry.tests.factories import (
    HouseholdFactory,
    MembershipFactory,
    PersonFactory,
    resident_id,
)

AS_OF = dt.date(2026, 10, 31)
HEADER = (
    "记录编号,姓名,身份证号,户编号,救助类别,照料护理等级,保障金额,照料护理费,起始日期,"
    "审批机关,账户类型,开户银行,银行账号,账户户名"
)


def _alone(name: str, born: dt.date, wage: str | None) -> object:
    home = HouseholdFactory()
    person = PersonFactory(name=name, birth_date=born, id_number=resident_id(born))
    MembershipFactory(household=home, person=person, relation=Relation.HEAD)
    if wage is not None:
        source_record(person, Department.SOCIAL_SECURITY, {"monthly_wage": wage}, as_of=AS_OF)
    return person


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def recipients(db):
    """A 低保 man the rules agree with, one paid too much, one they find well off, a 特困
    elder with a care allowance, and a child with 孤儿基本生活费 the rules do not judge."""
    people = {
        "agreed": _alone("张建国", dt.date(1980, 4, 12), "1000"),  # 低保 1145 − 1000 = 145
        "overpaid": _alone("王秀英", dt.date(1981, 11, 3), "1000"),
        "well_off": _alone("曾国平", dt.date(1972, 6, 30), "9000"),
        "elder": _alone("刘桂兰", dt.date(1940, 1, 15), None),
        "orphan": _alone("李小明", dt.date(2015, 5, 5), None),
    }
    determinations_run(actor=system_user(), as_of=AS_OF)
    return people


def roll_row(record_id: str, person, programme: str, amount: str, **extra: str) -> str:
    values = {
        "户编号": f"H{record_id}",
        "照料护理等级": "",
        "照料护理费": "",
        "起始日期": "2023-04-01",
        "审批机关": "平湖市民政局",
        "账户类型": "社保卡",
        "开户银行": "平湖农商银行",
        "银行账号": "6230910012345678",
        "账户户名": person.name if person else "",
    } | extra
    return ",".join(
        [
            record_id,
            person.name if person else "赵无名",
            person.id_number if person else "",
            values["户编号"],
            programme,
            values["照料护理等级"],
            amount,
            values["照料护理费"],
            values["起始日期"],
            values["审批机关"],
            values["账户类型"],
            values["开户银行"],
            values["银行账号"],
            values["账户户名"],
        ]
    )


def roll(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


@pytest.fixture
def good_roll(recipients):
    p = recipients
    return roll(
        roll_row("ZC001", p["agreed"], "低保", "145"),
        roll_row("ZC002", p["overpaid"], "低保", "600"),
        roll_row("ZC003", p["well_off"], "低保", "300"),
        roll_row("ZC004", p["elder"], "特困", "2450", 照料护理等级="半护理", 照料护理费="500"),
        roll_row("ZC005", p["orphan"], "孤儿基本生活费", "2100"),
        roll_row("ZC006", p["agreed"], "临时救助", "1500", 起始日期="2025-02-10"),
    )
