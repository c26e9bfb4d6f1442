import datetime as dt
from decimal import Decimal

import pytest

from minzheng.accounts.enums import Role
from minzheng.core.exceptions import ApplicationError, PermissionDenied
from minzheng.core.models import AuditEvent
from minzheng.eligibility.models import ParameterValue
from minzheng.eligibility.services import cases_evaluate, parameter_value_add
from minzheng.eligibility.tests.test_evaluate_command import _case


def _add(actor, **changes):
    values = {
        "name": "dibao.standard",
        "region": "330482",
        "start": dt.date(2025, 1, 1),
        "value": Decimal("1200"),
        "label": "平湖市 2025 年标准",
        "reference": "平民〔2024〕1 号",
    }
    return parameter_value_add(actor=actor, **{**values, **changes})


def _dibao(region, as_of):
    [result] = cases_evaluate(cases=[_case(region=region, as_of=as_of, has_capable_supporter=True)])
    return result["programmes"]["dibao"]["monthly_amount"], result["parameter_sources"][
        "dibao.standard"
    ]


@pytest.mark.django_db
def test_a_dated_value_holds_from_its_date_in_its_region_only(county_admin):
    _add(county_admin)
    assert _dibao("330482", "2024-12-31") == (525, "平湖市 2024 年标准（同湖州市）")
    assert _dibao("330482", "2025-01-01") == (580, "平湖市 2025 年标准")
    assert _dibao("330500", "2025-06-01") == (525, "湖州市 2024 年标准")
    event = AuditEvent.objects.get(target_type="eligibility.parameter_value")
    assert event.changes == {
        "name": "dibao.standard",
        "region": "330482",
        "start": "2025-01-01",
        "value": "1200",
    }


@pytest.mark.django_db
def test_a_later_value_ends_an_earlier_one(county_admin):
    _add(county_admin)
    _add(county_admin, start=dt.date(2026, 1, 1), value=Decimal("1300"), label="平湖市 2026 年标准")
    assert _dibao("330482", "2025-12-31")[0] == 580
    assert _dibao("330482", "2026-01-01")[0] == 680


@pytest.mark.django_db
def test_history_is_never_overwritten(county_admin):
    _add(county_admin)
    with pytest.raises(ApplicationError) as refused:
        _add(county_admin, value=Decimal("1250"))
    assert "历史取值不能改写" in str(refused.value.message)
    with pytest.raises(ApplicationError) as shipped:
        _add(county_admin, start=dt.date(2024, 1, 1))
    assert "该日期已有内置取值" in str(shipped.value.fields["start"])
    assert ParameterValue.objects.count() == 1
    assert AuditEvent.objects.filter(target_type="eligibility.parameter_value").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"name": "dibao.nothing"}, "name", id="name_case"),
        pytest.param({"region": "110000"}, "region", id="region_case"),
        pytest.param({"value": Decimal("-1")}, "value", id="value_case"),
        pytest.param({"label": " "}, "label", id="label_case"),
        pytest.param({"reference": ""}, "reference", id="reference_case"),
    ],
)
def test_bad_values_are_refused_by_field(county_admin, changes, field):
    with pytest.raises(ApplicationError) as refused:
        _add(county_admin, **changes)
    assert field in refused.value.fields
    assert not ParameterValue.objects.exists()
    assert not AuditEvent.objects.filter(target_type="eligibility.parameter_value").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.COUNTY_CASEWORKER, Role.TOWNSHIP_WORKER, Role.AUDITOR])
def test_only_the_county_admin_edits_parameters(make_staff, role):
    with pytest.raises(PermissionDenied):
        _add(make_staff(role))
    assert not ParameterValue.objects.exists()
    assert not AuditEvent.objects.filter(target_type="eligibility.parameter_value").exists()
