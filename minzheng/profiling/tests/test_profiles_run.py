import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from minzheng.accounts.system import system_user
from minzheng.core.models import AuditEvent
from minzheng.eligibility.services import determinations_run
from minzheng.eligibility.tests.test_runs_and_whatif import AS_OF, _single
from minzheng.integration.enums import Department
from minzheng.integration.tests.factories import source_record
from minzheng.profiling.models import HouseholdProfile, ProfileChange
from minzheng.profiling.services import profiles_run


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.django_db
def test_profiles_are_written_and_only_changes_enter_the_timeline():
    poor, _rich = _single("500"), _single("9000")
    determinations_run(actor=system_user(), as_of=AS_OF)
    first = profiles_run(actor=system_user(), as_of=AS_OF)
    assert (first.households, first.profiled, first.changes) == (2, 1, 1)
    profile = HouseholdProfile.objects.get()
    assert profile.household_id == poor.pk
    # 兜底型; 500 yuan alone scores 35 (below 低保 and 低边 lines): 绿, poor but not at risk.
    assert (profile.types, profile.colour, profile.score) == (2, 0, 35)
    again = profiles_run(actor=system_user(), as_of=AS_OF)
    assert again.changes == 0
    assert ProfileChange.objects.count() == 1
    assert AuditEvent.objects.filter(target_type="profiling.profile_run").count() == 2


@pytest.mark.django_db
def test_a_household_that_recovers_leaves_the_profiles_with_a_timeline_entry():
    poor = _single("500")
    determinations_run(actor=system_user(), as_of=AS_OF)
    profiles_run(actor=system_user(), as_of=AS_OF)
    person = poor.memberships.get().person
    later = dt.date(2026, 12, 15)
    source_record(person, Department.SOCIAL_SECURITY, {"monthly_wage": "8000"}, as_of=later)
    determinations_run(actor=system_user(), as_of=later)
    result = profiles_run(actor=system_user(), as_of=later)
    assert (result.profiled, result.changes) == (0, 1)
    left = ProfileChange.objects.get(changed_on=later)
    assert (left.colour_before, left.colour_after, left.types_after) == (0, -1, 0)


@pytest.mark.django_db
def test_the_command_needs_a_rules_run_first(capsys):
    with pytest.raises(CommandError, match="请先运行 minzheng eligibility run"):
        call_command("profile", "run", "--as-of", "2026-11-01")
    _single("500")
    determinations_run(actor=system_user(), as_of=AS_OF)
    call_command("profile", "run", "--as-of", "2026-11-01")
    printed = capsys.readouterr().out
    assert "2026-11-01 画像 1 户，其中困难家庭 1 户（绿 1 户），类型或颜色变化 1 户" in printed
