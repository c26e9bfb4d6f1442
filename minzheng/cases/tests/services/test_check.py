"""核对 and the rules' proposal that follows it."""

import datetime as dt
from decimal import Decimal

import pytest

from minzheng.accounts.enums import Role
from minzheng.cases.enums import ProposalSource, StepKind, StepOutcome
from minzheng.cases.services.check import application_check_confirm
from minzheng.cases.services.workflow import WorkflowConflict
from minzheng.cases.tests.factories import POOR_CASE, application_at, poor_home
from minzheng.cases.tests.helpers import nothing_written, steps_of
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError, NotFound
from minzheng.core.models import AuditEvent

BAIHUA = 330482001031  # 百花社区, beside 松枫社区 in the same 街道
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def test_confirming_unchanged_values_keeps_their_sources_and_proposes_dibao(village_worker):
    application = application_at(StepKind.CHECK)

    application_check_confirm(
        actor=village_worker, application_id=application.pk, values={}, sources={}
    )

    application.refresh_from_db()
    assert application.current_step == StepKind.INVESTIGATION
    assert application.case["case_id"] == application.number
    assert application.case["members"] == POOR_CASE["members"]
    assert application.case_sources["members[0].monthly_income"] == "人社 2026-10-31"
    assert application.case_sources["has_capable_supporter"] == "经办人确认(无部门数据)"
    assert [kind for kind, _outcome, _due in steps_of(application)] == [
        "intake",
        "check",
        "proposal",
        "investigation",
    ]
    assert steps_of(application)[1][1] == StepOutcome.DONE
    # 入户调查 has 10 working days from Friday 2026-11-20.
    assert steps_of(application)[3][2] == dt.date(2026, 12, 4)
    dibao = application.items.get(item__code="dibao")
    assert (dibao.eligible, dibao.proposed_amount) == (True, Decimal("525.00"))
    assert dibao.proposal_source == ProposalSource.RULES
    assert "income_below_standard" in dibao.reasons
    assert any("620.00" in sentence and "1145" in sentence for sentence in dibao.explanation)
    assert dibao.parameters["dibao.standard"] == 1145
    assert dibao.rules_version == application.rules_version != ""


def test_an_eligible_dibao_brings_the_referrals_and_fee_waivers(village_worker):
    application = application_at(StepKind.CHECK)

    application_check_confirm(
        actor=village_worker, application_id=application.pk, values={}, sources={}
    )

    proposed = {
        row.item.code: (row.requested, row.eligible, row.proposal_source)
        for row in application.items.select_related("item")
    }
    assert proposed == {
        "dibao": (True, True, ProposalSource.RULES),
        "medical": (False, True, ProposalSource.LINKED),
        "education": (False, True, ProposalSource.LINKED),
        "housing": (False, True, ProposalSource.LINKED),
        "electricity_waiver": (False, True, ProposalSource.LINKED),
        "cable_tv_waiver": (False, True, ProposalSource.LINKED),
    }


def test_a_changed_value_with_its_source_is_what_the_rules_judge(village_worker):
    application = application_at(StepKind.CHECK, items=("dibao", "temporary"))

    application_check_confirm(
        actor=village_worker,
        application_id=application.pk,
        values={"members[0].monthly_income": "1300"},
        sources={"members[0].monthly_income": "申请人提供工资流水"},
    )

    application.refresh_from_db()
    assert application.case["members"][0]["monthly_income"] == 1300
    assert application.case_sources["members[0].monthly_income"] == "申请人提供工资流水"
    rows = {row.item.code: row for row in application.items.select_related("item")}
    assert (rows["dibao"].eligible, rows["dibao"].proposed_amount) == (False, Decimal("0.00"))
    # 1300 < 1.5 × 1145: 低边, which also opens the referrals.
    assert rows["dibao_edge"].eligible is True
    assert rows["dibao_edge"].requested is False
    assert rows["medical"].eligible is True
    # The rules do not judge 临时救助: it waits for the worker.
    assert rows["temporary"].eligible is None
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, target_id=str(application.pk))
    assert event.changes == {
        "step": "check",
        "changed": ["members[0].monthly_income"],
        "rules_version": application.rules_version,
    }


def test_a_change_without_a_source_is_refused_in_chinese_and_nothing_is_written(village_worker):
    application = application_at(StepKind.CHECK)

    with nothing_written(application), pytest.raises(ApplicationError) as refused:
        application_check_confirm(
            actor=village_worker,
            application_id=application.pk,
            values={"members[0].monthly_income": "900", "assets.dwellings": "1"},
            sources={},
        )

    assert refused.value.code == ErrorCode.VALIDATION
    assert refused.value.fields == {
        "members[0].monthly_income": "修改或补充的数值须注明来源，如“申请人提供工资流水”。"
    }


def test_a_value_that_does_not_parse_is_named_by_its_path(village_worker):
    application = application_at(StepKind.CHECK)

    with nothing_written(application), pytest.raises(ApplicationError) as refused:
        application_check_confirm(
            actor=village_worker,
            application_id=application.pk,
            values={"members[0].monthly_income": "六百", "members[0].disability_grade": "7"},
            sources={"members[0].monthly_income": "x", "members[0].disability_grade": "x"},
        )

    assert refused.value.fields == {
        "members[0].monthly_income": "应为金额，如 620 或 620.50。",
        "members[0].disability_grade": "残疾等级应为 1 到 4，无残疾请留空。",
    }


def test_a_case_the_rules_cannot_judge_is_refused_and_nothing_is_written(village_worker):
    broken = {**POOR_CASE, "region": "999999"}
    application = application_at(StepKind.CHECK, prefill={"case": broken, "sources": {}})

    with nothing_written(application), pytest.raises(ApplicationError) as refused:
        application_check_confirm(
            actor=village_worker, application_id=application.pk, values={}, sources={}
        )

    assert "region" in refused.value.fields


@pytest.mark.parametrize(
    ("step", "_case"),
    [
        (StepKind.INVESTIGATION, "already confirmed"),
        (StepKind.PUBLICITY, "much later"),
    ],
)
def test_confirming_out_of_order_is_a_conflict(village_worker, township_worker, step, _case):
    application = application_at(step)
    actor = village_worker if step == StepKind.INVESTIGATION else township_worker

    with nothing_written(application), pytest.raises(WorkflowConflict) as refused:
        application_check_confirm(actor=actor, application_id=application.pk, values={}, sources={})

    assert refused.value.code == ErrorCode.CONFLICT
    assert refused.value.status == 409
    assert refused.value.message == f"该申请当前处于“{step.label}”步骤，不能办理“核对”。"


def test_outside_the_jurisdiction_the_application_does_not_exist(make_staff):
    application = application_at(StepKind.CHECK, household=poor_home())
    neighbour = make_staff(Role.VILLAGE_WORKER, BAIHUA)

    with nothing_written(application), pytest.raises(NotFound):
        application_check_confirm(
            actor=neighbour, application_id=application.pk, values={}, sources={}
        )
