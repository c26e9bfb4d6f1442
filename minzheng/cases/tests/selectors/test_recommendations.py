"""The items the intake proposes: from the rules run and the 五型三色 profile."""

import datetime as dt

import pytest
from django.urls import reverse

from minzheng.accounts.system import system_user
from minzheng.cases.models import AssistanceItem
from minzheng.cases.selectors.recommendations import household_recommendations
from minzheng.cases.tests.factories import PaymentScheduleFactory, item, poor_home
from minzheng.eligibility.services import determinations_run
from minzheng.eligibility.tests.test_runs_and_whatif import _single
from minzheng.profiling.classify import INDICATORS, TYPES
from minzheng.profiling.models import HouseholdProfile

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 20)


def _bits(codes, *names):
    return sum(1 << codes.index(name) for name in names)


def _profile(household, *, types, reasons):
    return HouseholdProfile.objects.create(
        household=household,
        division_code=household.division_id,
        types=_bits(TYPES, *types),
        primary=TYPES.index(types[0]),
        colour=2,
        score=80,
        reasons=_bits(INDICATORS, *reasons),
        model_version="test",
        computed_on=DAY,
    )


def test_a_shock_a_big_bill_and_arrears_propose_their_items_minus_what_is_received():
    home = poor_home()
    _profile(
        home,
        types=("emergency", "rigid"),
        reasons=("recent_emergency", "medical_spending_high", "utility_arrears"),
    )
    PaymentScheduleFactory(
        application_item__application__household=home,
        application_item__item=item("temporary"),
        start_month=dt.date(2026, 11, 1),
        end_month=dt.date(2026, 11, 1),
    )
    found = household_recommendations(household_id=home.pk, day=DAY)
    assert [(r.code, r.reason) for r in found] == [
        ("medical", "年度医疗自付费用较高，可转介医疗救助。"),
        ("electricity_waiver", "水电费欠费未解决，可申请电费减免。"),
    ]
    AssistanceItem.objects.filter(code="electricity_waiver").update(is_active=False)
    assert [r.code for r in household_recommendations(household_id=home.pk, day=DAY)] == ["medical"]


def test_the_rules_run_proposes_the_programmes_with_their_reason(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    home = _single("500")
    determinations_run(actor=system_user(), as_of=dt.date(2026, 11, 1))
    [dibao] = household_recommendations(household_id=home.pk, day=DAY)
    assert dibao.code == "dibao"
    assert "低保标准" in dibao.reason


def test_the_intake_page_ticks_the_recommended_items(client_for, village_worker):
    home = poor_home()
    _profile(home, types=("emergency",), reasons=("recent_emergency",))
    page = client_for(village_worker).get(f"{reverse('cases:application_new')}?household={home.pk}")
    html = page.content.decode()
    assert "近期发生急难事件，可申请临时救助（急难型）。" in html
    assert 'value="temporary" checked' in html
    assert 'value="dibao" checked' not in html
