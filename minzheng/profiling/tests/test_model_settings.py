import datetime as dt

import pytest

from minzheng.accounts.enums import Role
from minzheng.accounts.system import system_user
from minzheng.core.models import AuditEvent
from minzheng.eligibility.services import determinations_run
from minzheng.eligibility.tests.test_runs_and_whatif import AS_OF, _single
from minzheng.profiling.models import HouseholdProfile, ProfileSetting
from minzheng.profiling.services import profiles_run
from minzheng.profiling.settings import model_in_force


def _add(client, **values):
    data = {
        "name": "thresholds.yellow_score",
        "region": "330482",
        "start": "2026-10-01",
        "value": "30",
        "reference": "平民〔2026〕3 号",
        **values,
    }
    return client.post("/profiling/model/", data)


@pytest.mark.django_db
def test_a_dated_regional_value_changes_the_colour_from_its_date(
    settings, tmp_path, make_staff, client_for
):
    settings.MEDIA_ROOT = tmp_path
    _single("500")  # score 35: 绿 under the shipped yellow threshold of 40
    determinations_run(actor=system_user(), as_of=AS_OF)
    admin = client_for(make_staff(Role.COUNTY_ADMIN))
    assert _add(admin).status_code == 302
    assert _add(admin, region="330500", value="20", start="2026-10-02").status_code == 302
    profiles_run(actor=system_user(), as_of=AS_OF)
    profile = HouseholdProfile.objects.get()
    assert profile.colour == 1  # 黄 in 330482 from 2026-10-01
    assert profile.model_version == "2024.1+20261001"
    assert (
        model_in_force(region="330482", day=dt.date(2026, 9, 30)).thresholds["yellow_score"] == 40
    )
    assert AuditEvent.objects.filter(target_type="profiling.profile_setting").count() == 2
    page = admin.get("/profiling/model/").content.decode()
    assert "平民〔2026〕3 号" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("values", "message"),
    [
        pytest.param({"name": "weights.nothing"}, "没有这个参数", id="name_case"),
        pytest.param(
            {"value": "101", "name": "weights.elder_alone"}, "权重不超过 100", id="weight_case"
        ),
        pytest.param({"value": "abc"}, "取值应为数字", id="value_case"),
        pytest.param({"start": "2026/10/01"}, "YYYY-MM-DD", id="date_case"),
        pytest.param({"reference": " "}, "请填写依据", id="reference_case"),
    ],
)
def test_bad_values_are_refused_in_chinese(make_staff, client_for, values, message):
    response = _add(client_for(make_staff(Role.COUNTY_ADMIN)), **values)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProfileSetting.objects.exists()


@pytest.mark.django_db
def test_history_is_never_overwritten_and_only_the_admin_edits(make_staff, client_for):
    admin = client_for(make_staff(Role.COUNTY_ADMIN))
    _add(admin)
    again = _add(admin, value="35")
    assert "历史取值不能改写" in again.content.decode()
    assert ProfileSetting.objects.get().value == 30
    caseworker = client_for(make_staff(Role.COUNTY_CASEWORKER))
    assert caseworker.get("/profiling/model/").status_code == 403
    assert _add(caseworker, start="2027-01-01").status_code == 403
    assert ProfileSetting.objects.count() == 1
