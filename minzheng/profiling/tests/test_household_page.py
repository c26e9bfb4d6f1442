import pytest

from conftest import DANGHU, ZHAPU
from minzheng.accounts.enums import Role
from minzheng.accounts.system import system_user
from minzheng.core.models import AuditEvent
from minzheng.eligibility.services import determinations_run
from minzheng.eligibility.tests.test_runs_and_whatif import AS_OF, _single
from minzheng.profiling.services import profiles_run


@pytest.fixture
def profiled(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    home = _single("500")
    determinations_run(actor=system_user(), as_of=AS_OF)
    profiles_run(actor=system_user(), as_of=AS_OF)
    return home


@pytest.mark.django_db
def test_the_page_names_the_facts_and_the_timeline(profiled, make_staff, client_for):
    page = client_for(make_staff(Role.VILLAGE_WORKER, 330482001034)).get(
        f"/profiling/households/{profiled.pk}/"
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "兜底型" in text
    assert "家庭人均收入低于低保标准" in text
    assert "风险分 35" in text
    assert "无 → 绿" in text
    assert AuditEvent.objects.filter(target_type="profiling.household_profile").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "division", "status"),
    [
        pytest.param(Role.TOWNSHIP_WORKER, ZHAPU, 404, id="other_township_case"),
        pytest.param(Role.AUDITOR, None, 404, id="no_capability_case"),
        pytest.param(Role.TOWNSHIP_WORKER, DANGHU, 200, id="own_township_case"),
        pytest.param(Role.COUNTY_CASEWORKER, None, 200, id="county_case"),
    ],
)
def test_access(profiled, make_staff, client_for, role, division, status):
    user = make_staff(role, division) if division else make_staff(role)
    response = client_for(user).get(f"/profiling/households/{profiled.pk}/")
    assert response.status_code == status
    if status == 404:
        assert not AuditEvent.objects.filter(target_type="profiling.household_profile").exists()


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(profiled, client):
    response = client.get(f"/profiling/households/{profiled.pk}/")
    assert response.status_code == 302
