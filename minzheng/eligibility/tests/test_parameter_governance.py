"""未确认 parameters, their confirmation, and back-dated changes that need a second admin."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.core.exceptions import ApplicationError, PermissionDenied
from minzheng.core.models import AuditEvent
from minzheng.eligibility.models import (
    ParameterChangeProposal,
    ParameterConfirmation,
    ParameterValue,
    PolicyWhatIf,
    ProposalStatus,
)
from minzheng.eligibility.selectors import unconfirmed_parameters
from minzheng.eligibility.services import (
    CitedValue,
    cases_evaluate,
    determinations_run,
    parameter_change_approve,
    parameter_change_reject,
    parameter_change_submit,
    parameter_confirm,
    result_explain,
)
from minzheng.eligibility.tests.test_evaluate_command import _case
from minzheng.eligibility.tests.test_runs_and_whatif import AS_OF, county, media  # noqa: F401

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)
# The shipped values for 平湖市 that are the model's assumptions, by their labels: all but the
# national 低保边缘 multiple (平湖市 publishes none of its own; the YAML borrows 湖州市's).
PINGHU_ASSUMPTIONS = [
    "低保标准",
    "人均金融资产上限(低保标准月数)",
    "车辆价值上限",
    "住房套数上限",
    "单人保比例",
    "特困人员基本生活标准",
    "上年度居民人均可支配收入",
    "机构养育孤儿基本生活费",
    "社会散居孤儿基本生活费",
    "困难残疾人生活补贴",
]
DOCUMENT = {
    "label": "平湖市 2024 年标准",
    "document_title": "关于公布 2024 年城乡最低生活保障标准的通知",
    "document_issuer": "平湖市民政局",
    "document_date": dt.date(2023, 12, 20),
}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2026-11-20 10:00 +0800", tick=False) as traveller:
        yield traveller


def _labels(region="330482", on=TODAY, names=None):
    return [p.label for p in unconfirmed_parameters(region=region, on=on, names=names)]


def _confirm(actor, name="dibao.standard", **changes):
    values = {"region": "330482", "start": dt.date(2024, 1, 1), **DOCUMENT, **changes}
    return parameter_confirm(actor=actor, name=name, **values)


def test_the_models_assumptions_are_unconfirmed_and_cited_values_are_not():
    assert _labels() == PINGHU_ASSUMPTIONS
    # 湖州市 publishes its standard (its bureau's 2024 review): only the model's defaults remain.
    assert "低保标准" not in _labels(region="330500")
    assert _labels(names=["dibao.standard", "dibao.edge_multiplier"]) == ["低保标准"]
    assert _labels(region="110000") == []


def test_a_confirmation_records_the_document_and_the_explanation_cites_it(county_admin):
    confirmed = _confirm(county_admin)

    assert "低保标准" not in _labels()
    assert (confirmed.value, confirmed.document_issuer) == (Decimal("1145"), "平湖市民政局")
    [result] = cases_evaluate(cases=[_case(region="330482", has_capable_supporter=True)])
    assert result["parameter_sources"]["dibao.standard"] == "平湖市 2024 年标准"
    sentences = " ".join(" ".join(s) for s in result_explain(result=result).values())
    assert "平湖市 2024 年标准" in sentences
    assert "模型" not in result["parameter_sources"]["dibao.standard"]
    [event] = AuditEvent.objects.filter(target_type="eligibility.parameter_confirmation")
    assert event.changes["document_title"] == "关于公布 2024 年城乡最低生活保障标准的通知"
    assert event.actor == county_admin


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        pytest.param({"document_title": " "}, "document_title", "请填写文件名称。", id="title"),
        pytest.param({"document_issuer": ""}, "document_issuer", "请填写发文机关。", id="issuer"),
        pytest.param({"document_date": None}, "document_date", "请填写发文日期。", id="no_date"),
        pytest.param(
            {"document_date": dt.date(2026, 11, 21)},
            "document_date",
            "发文日期不能晚于今天。",
            id="future_date",
        ),
        pytest.param({"label": "模型默认值"}, "label", "依据简称应为文件的简称", id="model"),
        pytest.param(
            {"name": "dibao.edge_multiplier"}, "start", "生效日期：该日期没有", id="cited"
        ),
        pytest.param({"start": dt.date(2024, 2, 1)}, "start", "生效日期：", id="no_value"),
    ],
)
def test_a_bad_confirmation_is_refused_by_field_and_saves_nothing(
    county_admin, changes, field, message
):
    with pytest.raises(ApplicationError) as refused:
        _confirm(county_admin, **changes)
    assert str(refused.value.fields[field]).startswith(message)
    assert not ParameterConfirmation.objects.exists()
    assert not AuditEvent.objects.filter(target_type="eligibility.parameter_confirmation").exists()
    assert "低保标准" in _labels()


def test_a_value_is_confirmed_once(county_admin):
    _confirm(county_admin)
    with pytest.raises(ApplicationError, match="该取值已经确认"):
        _confirm(county_admin)
    assert ParameterConfirmation.objects.count() == 1


def test_only_the_county_admin_confirms(caseworker):
    with pytest.raises(PermissionDenied):
        _confirm(caseworker)
    assert not ParameterConfirmation.objects.exists()


def test_the_demo_confirms_its_values_as_demo_data(parameters_confirmed):
    # 平湖市's ten and 湖州市's five (it publishes its standards).
    assert parameters_confirmed == 15
    assert _labels() == []
    assert set(ParameterConfirmation.objects.values_list("label", "is_demo")) == {
        ("演示数据", True)
    }
    [result] = cases_evaluate(cases=[_case(region="330482", has_capable_supporter=True)])
    text = " ".join(" ".join(s) for s in result_explain(result=result).values())
    assert "演示数据" in text
    assert "同湖州市" not in text
    assert "模型" not in text


# ---- changes that need a second county admin ----------------------------------------------

BACK_DATED = CitedValue(
    name="dibao.standard",
    region="330482",
    start=dt.date(2026, 1, 1),
    value=Decimal("1200"),
    label="平湖市 2026 年标准",
    document_title="关于调整 2026 年最低生活保障标准的通知",
    document_issuer="平湖市民政局",
    document_date=dt.date(2026, 11, 2),
)


@pytest.fixture
def judged(county):  # noqa: F811 (the shared four-household county)
    return determinations_run(actor=None, as_of=AS_OF)


@pytest.fixture
def second_admin(make_staff):
    return make_staff(Role.COUNTY_ADMIN)


@pytest.mark.parametrize(
    "start", [dt.date(2026, 1, 1), dt.date(2026, 11, 1), dt.date(2026, 11, 30)], ids=str
)
def test_a_back_dated_or_current_month_value_is_proposed_with_its_whatif(
    judged, county_admin, start
):
    proposal = parameter_change_submit(
        actor=county_admin, change=CitedValue(**{**BACK_DATED.__dict__, "start": start})
    )

    assert isinstance(proposal, ParameterChangeProposal)
    assert proposal.status == ProposalStatus.PROPOSED
    assert not ParameterValue.objects.exists()
    totals = proposal.whatif.summary["totals"]
    assert (totals["gained"], totals["increased"], totals["monthly_delta"]) == (1, 2, 130)
    assert AuditEvent.objects.filter(
        target_type="eligibility.parameter_proposal", action="create"
    ).exists()


def test_a_value_from_next_month_takes_effect_directly(judged, county_admin):
    added = parameter_change_submit(
        actor=county_admin,
        change=CitedValue(**{**BACK_DATED.__dict__, "start": dt.date(2026, 12, 1)}),
    )
    assert isinstance(added, ParameterValue)
    assert not ParameterChangeProposal.objects.exists()


def test_a_proposal_without_a_bulk_run_is_refused_and_saves_nothing(county_admin):
    with pytest.raises(ApplicationError, match="还没有批量判定结果"):
        parameter_change_submit(actor=county_admin, change=BACK_DATED)
    assert not ParameterChangeProposal.objects.exists()
    assert not PolicyWhatIf.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_second_admin_approves_and_the_value_takes_effect(judged, county_admin, second_admin):
    proposal = parameter_change_submit(actor=county_admin, change=BACK_DATED)

    added = parameter_change_approve(actor=second_admin, proposal_id=proposal.pk)

    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by, proposal.added_value) == (
        ProposalStatus.APPROVED,
        second_admin,
        added,
    )
    assert (added.start, added.value, added.created_by) == (
        dt.date(2026, 1, 1),
        Decimal("1200"),
        county_admin,
    )
    [result] = cases_evaluate(cases=[_case(region="330482", as_of="2026-02-01")])
    assert result["parameters"]["dibao.standard"] == 1200
    [event] = AuditEvent.objects.filter(
        target_type="eligibility.parameter_proposal", action="update"
    )
    assert (event.actor, event.changes["status"]) == (second_admin, "approved")
    with pytest.raises(ApplicationError, match="状态为“已批准生效”，不能再次审批"):
        parameter_change_approve(actor=second_admin, proposal_id=proposal.pk)
    assert ParameterValue.objects.count() == 1


def test_approving_ones_own_proposal_is_refused_and_changes_nothing(judged, county_admin):
    proposal = parameter_change_submit(actor=county_admin, change=BACK_DATED)
    audits = AuditEvent.objects.count()

    with pytest.raises(ApplicationError, match="不能审批自己提出的参数调整"):
        parameter_change_approve(actor=county_admin, proposal_id=proposal.pk)

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED
    assert not ParameterValue.objects.exists()
    assert AuditEvent.objects.count() == audits


def test_a_caseworker_cannot_approve(judged, county_admin, caseworker):
    proposal = parameter_change_submit(actor=county_admin, change=BACK_DATED)
    with pytest.raises(PermissionDenied):
        parameter_change_approve(actor=caseworker, proposal_id=proposal.pk)
    assert not ParameterValue.objects.exists()


def test_a_rejection_needs_a_reason_and_adds_no_value(judged, county_admin, second_admin):
    proposal = parameter_change_submit(actor=county_admin, change=BACK_DATED)
    with pytest.raises(ApplicationError) as refused:
        parameter_change_reject(actor=second_admin, proposal_id=proposal.pk, reason=" ")
    assert str(refused.value.fields["reason"]).startswith("审批意见")

    parameter_change_reject(actor=second_admin, proposal_id=proposal.pk, reason="文件尚未印发")

    proposal.refresh_from_db()
    assert (proposal.status, proposal.decision_reason) == (ProposalStatus.REJECTED, "文件尚未印发")
    assert not ParameterValue.objects.exists()


# ---- the pages ------------------------------------------------------------------------------


def test_the_parameter_page_names_parameters_in_words_and_marks_the_unconfirmed(
    county_admin, client_for
):
    page = client_for(county_admin).get(reverse("eligibility:parameter_list")).content.decode()
    assert "<h2>低保标准 <span" in page
    assert "未确认" in page
    assert "15 个内置取值是系统的模型假设，尚未确认" in page
    assert "确认取值</button>" in page
    assert 'type="date"' in page


def test_the_admin_confirms_on_the_page(county_admin, client_for):
    client = client_for(county_admin)
    posted = {
        "name": "dibao.standard",
        "region": "330482",
        "start": "2024-01-01",
        **{**DOCUMENT, "document_date": "2023-12-20"},
    }
    assert client.post(reverse("eligibility:parameter_confirm"), posted).status_code == 302
    assert "低保标准" not in _labels()
    page = client.get(reverse("eligibility:parameter_list")).content.decode()
    assert "平湖市民政局《关于公布 2024 年城乡最低生活保障标准的通知》（2023-12-20）" in page

    refused = client.post(
        reverse("eligibility:parameter_confirm"),
        {**posted, "name": "dibao.single_person_ratio", "document_date": "2023-02-30"},
    )
    assert refused.status_code == 400
    assert "发文日期应为有效日期" in refused.content.decode()


def test_a_back_dated_change_on_the_page_shows_the_whatif_to_the_second_admin(
    judged, county_admin, second_admin, client_for
):
    proposer = client_for(county_admin)
    posted = {
        **{k: str(v) for k, v in BACK_DATED.__dict__.items()},
    }
    response = proposer.post(reverse("eligibility:parameter_list"), posted)
    proposal = ParameterChangeProposal.objects.get()
    assert response.url == reverse("eligibility:parameter_proposal", args=[proposal.pk])
    own = proposer.get(response.url).content.decode()
    assert "等待另一名县级管理员审批" in own
    assert "批准生效" not in own

    approver = client_for(second_admin)
    page = approver.get(response.url).content.decode()
    assert "参数调整审批：低保标准" in page
    assert "新增享受 <strong>1</strong>" in page
    assert "每月支出变化(元) <strong>+130</strong>" in page
    approver.post(response.url, {"decision": "approve"})
    assert ParameterValue.objects.filter(start=dt.date(2026, 1, 1)).exists()
    assert "已批准生效" in approver.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"start": "2026-13-01"}, "生效日期应为有效日期", id="bad_start"),
        pytest.param({"start": ""}, "请填写生效日期。", id="no_start"),
        pytest.param({"value": "一千"}, "取值应为数字。", id="words"),
        pytest.param({"value": "-5"}, "取值应为不小于 0 的数字。", id="negative"),
        pytest.param({"document_date": "2027-01-01"}, "发文日期不能晚于今天。", id="future"),
    ],
)
def test_bad_input_on_the_page_names_the_field(county_admin, client_for, changes, message):
    posted = {**{k: str(v) for k, v in BACK_DATED.__dict__.items()}, **changes}
    response = client_for(county_admin).post(reverse("eligibility:parameter_list"), posted)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ParameterValue.objects.exists()
    assert not ParameterChangeProposal.objects.exists()


def test_a_caseworker_reads_the_parameters_but_changes_nothing(
    judged, county_admin, caseworker, client_for
):
    proposal = parameter_change_submit(actor=county_admin, change=BACK_DATED)
    client = client_for(caseworker)
    page = client.get(reverse("eligibility:parameter_list")).content.decode()
    assert "低保标准" in page
    assert "确认取值</button>" not in page
    posted = {k: str(v) for k, v in BACK_DATED.__dict__.items()}
    assert client.post(reverse("eligibility:parameter_list"), posted).status_code == 403
    confirm = {"name": "dibao.standard", "region": "330482", "start": "2024-01-01", **DOCUMENT}
    assert client.post(reverse("eligibility:parameter_confirm"), confirm).status_code == 403
    url = reverse("eligibility:parameter_proposal", args=[proposal.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 403
    assert not ParameterValue.objects.exists()
    assert not ParameterConfirmation.objects.exists()
