"""The visit cadence the county admin sets per region and date (/visits/cadence/)."""

import datetime as dt

import pytest

from minzheng.accounts.enums import Role
from minzheng.core.models import AuditEvent
from minzheng.profiling.enums import Colour
from minzheng.visits.models import VisitCadenceSetting, VisitPlan
from minzheng.visits.services.planning import visit_plans_refresh
from minzheng.visits.services.visits import default_next_due_on
from minzheng.visits.tests.factories import CST, home, profile

pytestmark = pytest.mark.django_db


def _add(client, **values):
    data = {
        "name": "interval_days.yellow",
        "region": "330482",
        "start": "2026-11-01",
        "value": "14",
        "reference": "平民〔2026〕11 号",
        **values,
    }
    return client.post("/visits/cadence/", data)


def test_a_regional_cadence_plans_visits_from_its_date(make_staff, client_for):
    admin = client_for(make_staff(Role.COUNTY_ADMIN))
    assert _add(admin).status_code == 302
    assert _add(admin, name="first_visit_hours.yellow", value="72").status_code == 302
    household = home()  # 松枫社区, 平湖市 (330482)
    profile(household, colour=Colour.YELLOW)
    visit_plans_refresh(as_of=dt.date(2026, 10, 20))  # before the date: shipped 30 days
    assert VisitPlan.objects.get().next_due_at == dt.datetime(2026, 11, 19, tzinfo=CST)
    VisitPlan.objects.all().delete()
    visit_plans_refresh(as_of=dt.date(2026, 11, 20))
    plan = VisitPlan.objects.get()
    assert plan.next_due_at == dt.datetime(2026, 11, 23, tzinfo=CST)  # 72 hours
    assert default_next_due_on(plan=plan, visited_on=dt.date(2026, 11, 21)) == dt.date(2026, 12, 5)
    assert AuditEvent.objects.filter(target_type="visits.cadence_setting").count() == 2
    assert "平民〔2026〕11 号" in admin.get("/visits/cadence/").content.decode()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        pytest.param({"value": "0"}, "1 至 366 天", id="zero_case"),
        pytest.param({"value": "7.5"}, "1 至 366 天", id="fraction_case"),
        pytest.param({"name": "interval_days.blue"}, "没有这个参数", id="name_case"),
        pytest.param({"reference": ""}, "请填写依据", id="reference_case"),
    ],
)
def test_bad_values_are_refused_in_chinese(make_staff, client_for, values, message):
    response = _add(client_for(make_staff(Role.COUNTY_ADMIN)), **values)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not VisitCadenceSetting.objects.exists()


def test_only_the_county_admin_sets_the_cadence(make_staff, client_for):
    worker = client_for(make_staff(Role.COUNTY_CASEWORKER))
    assert worker.get("/visits/cadence/").status_code == 403
    assert _add(worker).status_code == 403
    assert not VisitCadenceSetting.objects.exists()
