"""对象来源 for the profiles: in the register, exited, refused (``cases.household_signals``)."""

import datetime as dt

import pytest

from minzheng.accounts.system import system_user
from minzheng.cases.enums import ApplicationStatus, ScheduleStatus
from minzheng.cases.household_signals import exited_counts, in_register_counts, refused_counts
from minzheng.cases.tests.factories import ApplicationFactory, PaymentScheduleFactory, item
from minzheng.eligibility.services import determinations_run
from minzheng.eligibility.tests.test_runs_and_whatif import _single
from minzheng.profiling.classify import INDICATORS
from minzheng.profiling.models import HouseholdProfile
from minzheng.profiling.services import profiles_run

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 20)
WINDOW = {"source_window_days": 365.0}


def _schedule(code="dibao", **fields):
    schedule = PaymentScheduleFactory(
        application_item__item=item(code), start_month=dt.date(2026, 1, 1), **fields
    )
    return schedule.household


def test_a_household_paid_dibao_this_month_is_in_the_register():
    paid = _schedule()
    _schedule(end_month=dt.date(2026, 10, 1))  # ended last month
    _schedule(status=ScheduleStatus.STOPPED)
    _schedule("temporary")  # not a 兜底 programme
    assert in_register_counts(DAY, WINDOW) == {paid.pk: 1}


def test_a_benefit_ended_in_the_window_and_not_replaced_is_an_exit():
    ended = _schedule(end_month=dt.date(2026, 3, 1))
    _schedule(end_month=dt.date(2025, 6, 1))  # longer ago than the window
    still_paid = _schedule(end_month=dt.date(2026, 3, 1))
    _schedule(household=still_paid)  # a new schedule pays this month
    assert exited_counts(DAY, WINDOW) == {ended.pk: 1}


def test_a_refused_application_in_the_window_counts():
    moment = dt.datetime(2026, 9, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    refused = ApplicationFactory(status=ApplicationStatus.REFUSED, decided_at=moment)
    ApplicationFactory(status=ApplicationStatus.REFUSED, decided_at=moment - dt.timedelta(days=400))
    ApplicationFactory(status=ApplicationStatus.APPROVED, decided_at=moment)
    assert refused_counts(DAY, WINDOW) == {refused.household_id: 1}


def test_the_register_makes_a_household_subsistence_in_its_profile(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    day = dt.date(2026, 11, 1)
    home = _single("9000")  # an income far above every line: not in difficulty by itself
    determinations_run(actor=system_user(), as_of=day)
    profiles_run(actor=system_user(), as_of=day)
    assert not HouseholdProfile.objects.exists()
    _schedule(household=home)
    profiles_run(actor=system_user(), as_of=day)
    profile = HouseholdProfile.objects.get()
    assert (profile.household_id, profile.types) == (home.pk, 1 << 1)  # 兜底型
    assert profile.reasons == 1 << INDICATORS.index("in_register")  # the only reason
