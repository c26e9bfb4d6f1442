"""Every number a county admin may set ships with a dated, cited value, shown on its page."""

import pytest

from minzheng.accounts.enums import Role
from minzheng.cases.duties import DUTY_SETTINGS
from minzheng.cases.remedies import REMEDY_SETTINGS
from minzheng.monitoring.rule_settings import RULE_SETTINGS
from minzheng.payments.settings import PAYMENT_SETTINGS
from minzheng.profiling.settings import PROFILE_SETTINGS
from minzheng.visits.cadence import CADENCE_SETTINGS

SPECS = [
    CADENCE_SETTINGS,
    DUTY_SETTINGS,
    PAYMENT_SETTINGS,
    PROFILE_SETTINGS,
    REMEDY_SETTINGS,
    RULE_SETTINGS,
]


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.audit_target)
def test_every_settable_number_ships_in_the_rule_file(spec) -> None:
    assert sorted(set(spec.names()) - set(spec.shipped.names())) == []


@pytest.mark.django_db
def test_the_settings_page_shows_what_each_shipped_value_rests_on(make_staff, client_for):
    admin = client_for(make_staff(Role.COUNTY_ADMIN))

    cadence = admin.get("/visits/cadence/").content.decode()
    duties = admin.get("/cases/duties/").content.decode()

    assert "模型假设，须县级管理员确认" in cadence
    assert "高风险对象平时每周走访不少于一次" in cadence
    assert "MODEL" not in cadence
    assert "模型假设，须县级管理员确认" in duties
