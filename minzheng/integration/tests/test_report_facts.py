"""The 核对报告's fact sources: pure functions of the detached facts, no database."""

import datetime as dt
import uuid

from minzheng.integration.declarations import HouseholdDeclaration
from minzheng.integration.enums import Department
from minzheng.integration.selectors.report_facts import FactStatus, fact_sources
from minzheng.integration.selectors.report_values import MemberFacts, SourceFacts

HEAD = MemberFacts(person_id=uuid.uuid4(), name="张伟")
WIFE = MemberFacts(person_id=uuid.uuid4(), name="王芳")
DAY = dt.date(2026, 10, 31)


def _record(department: Department, as_of: dt.date = DAY) -> SourceFacts:
    return SourceFacts(record_id=str(uuid.uuid4()), department=department, as_of=as_of)


def _by_label(rows):
    return {row.label: row for row in rows}


def test_a_full_file_vouches_for_members_it_holds_nothing_about():
    rows = _by_label(
        fact_sources(
            [(HEAD, [_record(Department.VEHICLES)]), (WIFE, [])],
            received={Department.VEHICLES: DAY},
            declarations=[],
        )
    )
    assert rows["车辆"].status == FactStatus.DEPARTMENT
    assert rows["车辆"].sources == ("车辆 2026-10-31，1/2 名成员有记录",)
    # No file from 住房公积金 at all: nobody vouches, so 未核对.
    assert rows["住房公积金"].status == FactStatus.UNVERIFIED
    assert rows["住房公积金"].sources == ()


def test_banks_vouch_only_for_those_they_answered_and_a_declaration_stands_in():
    members = [
        (HEAD, [_record(Department.BANKS, dt.date(2026, 11, 2))]),
        (WIFE, [_record(Department.BANKS, dt.date(2026, 11, 5))]),
    ]
    answered = _by_label(fact_sources(members, received={}, declarations=[]))
    assert answered["金融资产(存款、理财)"].status == FactStatus.DEPARTMENT
    # The household's figure is as old as its oldest answer.
    assert answered["金融资产(存款、理财)"].sources == ("银行 2026-11-02，2/2 名成员已答复",)

    declaration = HouseholdDeclaration(
        fact="assets.financial",
        value="3,000.00",
        document="SM-7",
        recorded_on=dt.date(2026, 11, 20),
        application_number="SQ20261120-0001",
    )
    partial = _by_label(
        fact_sources([*members[:1], (WIFE, [])], received={}, declarations=[declaration])
    )
    financial = partial["金融资产(存款、理财)"]
    assert financial.status == FactStatus.DECLARED
    assert financial.missing_members == ("王芳",)
    assert financial.declaration == "3,000.00，证明材料 SM-7，2026-11-20 记录(申请 SQ20261120-0001)"
    assert partial["有赡养能力的法定义务人"].status == FactStatus.UNVERIFIED
