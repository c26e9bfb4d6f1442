"""Dated values from next month on take effect when entered; the citation is required."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from minzheng.accounts.enums import Role
from minzheng.core.exceptions import ApplicationError, PermissionDenied
from minzheng.core.models import AuditEvent
from minzheng.eligibility.models import ParameterChangeProposal, ParameterValue
from minzheng.eligibility.services import CitedValue, cases_evaluate, parameter_change_submit
from minzheng.eligibility.tests.test_evaluate_command import _case

VALUE = {
    "name": "dibao.standard",
    "region": "330482",
    "start": dt.date(2025, 1, 1),
    "value": Decimal("1200"),
    "label": "平湖市 2025 年标准",
    "document_title": "关于调整 2025 年最低生活保障标准的通知",
    "document_issuer": "平湖市民政局",
    "document_date": dt.date(2024, 12, 1),
}


@pytest.fixture(autouse=True)
def december_2024():
    """Before 2025: a value from 2025-01-01 starts next month and needs no second approver."""
    with time_machine.travel("2024-12-10 10:00 +0800", tick=False):
        yield


def _add(actor, **changes):
    return parameter_change_submit(actor=actor, change=CitedValue(**{**VALUE, **changes}))


def _dibao(region, as_of):
    [result] = cases_evaluate(cases=[_case(region=region, as_of=as_of, has_capable_supporter=True)])
    return result["programmes"]["dibao"]["monthly_amount"], result["parameter_sources"][
        "dibao.standard"
    ]


@pytest.mark.django_db
def test_a_dated_value_holds_from_its_date_in_its_region_only(county_admin):
    added = _add(county_admin)
    assert isinstance(added, ParameterValue)
    assert added.reference == "平湖市民政局《关于调整 2025 年最低生活保障标准的通知》（2024-12-01）"
    assert _dibao("330482", "2024-12-31") == (525, "模型默认值（沿用湖州市 2024 年标准）")
    assert _dibao("330482", "2025-01-01") == (580, "平湖市 2025 年标准")
    assert _dibao("330500", "2025-06-01") == (525, "湖州市 2024 年标准")
    event = AuditEvent.objects.get(target_type="eligibility.parameter_value")
    assert event.changes == {
        "name": "dibao.standard",
        "region": "330482",
        "start": "2025-01-01",
        "value": "1200",
        "label": "平湖市 2025 年标准",
        "document_title": "关于调整 2025 年最低生活保障标准的通知",
        "document_issuer": "平湖市民政局",
        "document_date": "2024-12-01",
    }
    assert not ParameterChangeProposal.objects.exists()


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
    assert ParameterValue.objects.count() == 1
    assert AuditEvent.objects.filter(target_type="eligibility.parameter_value").count() == 1


@pytest.mark.django_db
def test_a_shipped_date_is_refused_naming_the_start_date(county_admin):
    with pytest.raises(ApplicationError) as shipped:
        _add(county_admin, start=dt.date(2024, 1, 1))
    assert str(shipped.value.fields["start"]).startswith("生效日期已有内置取值")
    assert not ParameterValue.objects.exists()
    assert not ParameterChangeProposal.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        pytest.param({"name": "dibao.nothing"}, "name", "参数：没有这个参数。", id="name"),
        pytest.param({"region": "110000"}, "region", "行政区划：", id="region"),
        pytest.param({"value": Decimal("-1")}, "value", "取值应为不小于 0 的数字。", id="value"),
        pytest.param({"value": Decimal("NaN")}, "value", "取值应为不小于 0 的数字。", id="nan"),
        pytest.param({"label": " "}, "label", "请填写依据简称", id="label"),
        pytest.param({"label": "模型默认值"}, "label", "依据简称应为文件的简称", id="model"),
        pytest.param({"document_title": ""}, "document_title", "请填写文件名称。", id="title"),
        pytest.param({"document_issuer": " "}, "document_issuer", "请填写发文机关。", id="issuer"),
        pytest.param({"document_date": None}, "document_date", "请填写发文日期。", id="no_date"),
        pytest.param(
            {"document_date": dt.date(2024, 12, 11)},
            "document_date",
            "发文日期不能晚于今天。",
            id="future_document",
        ),
    ],
)
def test_bad_values_are_refused_by_field(county_admin, changes, field, message):
    with pytest.raises(ApplicationError) as refused:
        _add(county_admin, **changes)
    assert str(refused.value.fields[field]).startswith(message)
    assert not ParameterValue.objects.exists()
    assert not AuditEvent.objects.filter(target_type="eligibility.parameter_value").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.COUNTY_CASEWORKER, Role.TOWNSHIP_WORKER, Role.AUDITOR])
def test_only_the_county_admin_edits_parameters(make_staff, role):
    with pytest.raises(PermissionDenied):
        _add(make_staff(role))
    assert not ParameterValue.objects.exists()
    assert not AuditEvent.objects.filter(target_type="eligibility.parameter_value").exists()
