"""``household_benefits``: what the 幸福清单 will list for a household."""

import datetime as dt
from decimal import Decimal

import pytest

from minzheng.cases.contracts import BenefitLine
from minzheng.cases.enums import StepKind
from minzheng.cases.models import PaymentSchedule
from minzheng.cases.selectors.benefits import household_benefits
from minzheng.cases.services.approval import ItemDecision, application_approve
from minzheng.cases.services.publicity import publicity_complete
from minzheng.cases.tests.factories import application_at
from minzheng.cases.tests.helpers import to_publicity

pytestmark = pytest.mark.django_db
GRANTED = ("dibao", "medical", "education", "housing", "electricity_waiver", "cable_tv_waiver")


@pytest.fixture
def approved(frozen, village_worker, township_worker, county_worker):
    application = to_publicity(application_at(StepKind.CHECK), village_worker, township_worker)
    frozen.move_to("2026-11-27 09:00 +0800")
    publicity_complete(actor=township_worker, application_id=application.pk)
    decisions = {code: ItemDecision(grant=True) for code in GRANTED}
    decisions["cable_tv_waiver"] = ItemDecision(grant=False, reason="家中无有线电视")
    application_approve(
        actor=county_worker, application_id=application.pk, decisions=decisions, reason="同意"
    )
    application.refresh_from_db()
    return application


def test_lists_every_granted_item_with_its_department_and_review_date(approved, frozen):
    frozen.move_to("2026-12-20 09:00 +0800")

    lines = household_benefits(household_id=approved.household_id)

    assert [(line.item_code, line.department_name, line.monthly_amount) for line in lines] == [
        ("dibao", "民政", Decimal("525.00")),
        ("medical", "医保", Decimal("0.00")),
        ("education", "教育", Decimal("0.00")),
        ("housing", "住建", Decimal("0.00")),
        ("electricity_waiver", "电力", Decimal("0.00")),
    ]
    dibao = lines[0]
    assert isinstance(dibao, BenefitLine)
    assert (dibao.start_month, dibao.end_month) == (dt.date(2026, 12, 1), None)
    assert dibao.schedule_id == PaymentSchedule.objects.get(item__code="dibao").pk
    assert dibao.next_review_on == dt.date(2027, 11, 27)
    assert dibao.application_number == approved.number
    assert dibao.decision_number == "JD20261127-0001"
    assert dibao.rules_version == approved.rules_version
    assert dibao.parameters["dibao.standard"] == 1145


def test_a_household_without_grants_has_no_lines(frozen):
    application = application_at()
    assert household_benefits(household_id=application.household_id) == []
