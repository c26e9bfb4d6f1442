"""核对 never guesses: 未核对 facts, the household's declaration, and the approval that waits."""

from decimal import Decimal

import pytest

from minzheng.cases.enums import ApplicationStatus, StepKind
from minzheng.cases.models import FactAttestation
from minzheng.cases.selectors.declarations import declared_facts
from minzheng.cases.services.approval import ItemDecision, application_approve
from minzheng.cases.services.check import application_check_confirm
from minzheng.cases.services.declarations import Declaration
from minzheng.cases.services.publicity import publicity_complete
from minzheng.cases.tests.factories import POOR_CASE, POOR_SOURCES, application_at
from minzheng.cases.tests.helpers import approve_review, nothing_written, record_visit
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError
from minzheng.core.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

# The person of 68 on 620 yuan a month, as the prefill now leaves her: nobody asked the banks,
# and no department knows of support received or of a son able to support her.
UNVERIFIED_CASE = {
    **POOR_CASE,
    "support_received_monthly": None,
    "has_capable_supporter": None,
    "assets": {"financial": None, "vehicles": [], "dwellings": 1},
}
DECLARED = {
    "assets.financial": "3000",
    "support_received_monthly": "0",
    "has_capable_supporter": "false",
}
STATEMENT = Declaration("本人签字申报，入户核实无存折。", "SM-2026-0042")


def _unverified(**fields):
    return application_at(
        StepKind.CHECK,
        items=("tekun",),
        prefill={"case": UNVERIFIED_CASE, "sources": POOR_SOURCES},
        **fields,
    )


def _confirm(application, actor, values=None, declarations=None):
    application_check_confirm(
        actor=actor,
        application_id=application.pk,
        values=values or {},
        sources={},
        declarations=declarations,
    )
    application.refresh_from_db()


def test_unverified_facts_stay_unverified_and_the_rules_wait_for_them(village_worker):
    application = _unverified()

    _confirm(application, village_worker)

    assert application.case["assets"]["financial"] is None
    assert application.case["has_capable_supporter"] is None
    assert "assets.financial" not in application.case_sources  # no source: 未核对
    tekun = application.items.get(item__code="tekun")
    assert tekun.eligible is None  # neither 符合 nor 不符合
    assert tekun.proposed_amount == Decimal("0.00")
    assert tekun.explanation[-1] == (
        "待核对：家庭金融资产（银行存款、理财）、有无具备赡养（扶养、抚养）能力的法定义务人"
        "未经部门核对，也没有家庭申报记录，暂不能判定是否符合特困供养条件"
    )
    assert not any("1950" in sentence for sentence in tekun.explanation)


def test_a_declared_value_needs_a_reason_and_the_evidence_number(village_worker):
    application = _unverified()

    with nothing_written(application), pytest.raises(ApplicationError) as refused:
        _confirm(
            application,
            village_worker,
            values={"assets.financial": "3000"},
            declarations={"assets.financial": Declaration("本人申报", "")},
        )

    assert refused.value.fields == {
        "assets.financial": "没有部门数据的事实只能按家庭申报填写：请写明理由和证明材料编号"
        "(如家庭经济状况声明书编号)。"
    }


def test_declarations_are_stored_audited_and_judged(village_worker):
    application = _unverified()

    _confirm(
        application,
        village_worker,
        values=DECLARED,
        declarations=dict.fromkeys(DECLARED, STATEMENT),
    )

    stored = {a.path: (a.declared_value, a.document_number) for a in FactAttestation.objects.all()}
    assert stored == {
        "assets.financial": (3000, "SM-2026-0042"),
        "support_received_monthly": (0, "SM-2026-0042"),
        "has_capable_supporter": (False, "SM-2026-0042"),
    }
    assert application.case_sources["has_capable_supporter"] == "家庭申报(证明材料 SM-2026-0042)"
    tekun = application.items.get(item__code="tekun")
    assert (tekun.eligible, tekun.proposed_amount) == (True, Decimal("1950.00"))
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, target_id=str(application.pk))
    assert event.changes["declared"] == dict.fromkeys(DECLARED, "SM-2026-0042")
    assert "3000" not in str(event.changes)  # declared values stay out of the log


def _to_county(application, village_worker, township_worker, frozen, **check):
    _confirm(application, village_worker, **check)
    record_visit(application, village_worker)
    approve_review(application, township_worker)
    application.refresh_from_db()
    # Publicised only when an item that needs 公示 is proposed; a 待核对 one is not (yet).
    if application.current_step == StepKind.PUBLICITY:
        frozen.move_to("2026-11-27 09:00 +0800")
        publicity_complete(actor=township_worker, application_id=application.pk)
        application.refresh_from_db()
    assert application.current_step == StepKind.COUNTY_APPROVAL
    return application


def test_an_item_waiting_for_facts_cannot_be_approved(
    village_worker, township_worker, county_worker, frozen
):
    application = _to_county(_unverified(), village_worker, township_worker, frozen)

    with nothing_written(application), pytest.raises(ApplicationError) as refused:
        application_approve(
            actor=county_worker,
            application_id=application.pk,
            decisions={"tekun": ItemDecision(grant=True)},
            reason="经审核，同意。",
        )

    assert refused.value.fields["tekun"] == (
        "“特困人员救助供养”依赖尚未核对的事实：金融资产(元)、有赡养能力的法定义务人。"
        "须在核对时记录家庭申报(申报值、理由和证明材料编号)后才能审批；也可整体不予批准。"
    )
    # 低保 and the others the rules proposed wait too: 特困 comes first and may not hold.
    assert set(refused.value.fields) == {"tekun", "dibao", "dibao_edge", "rigid_expenditure"}


def test_with_declarations_it_is_approved_and_the_decision_says_it_rests_on_them(
    village_worker, township_worker, county_worker, frozen
):
    application = _to_county(
        _unverified(),
        village_worker,
        township_worker,
        frozen,
        values=DECLARED,
        declarations=dict.fromkeys(DECLARED, STATEMENT),
    )
    assert declared_facts(application) == []  # nothing decided yet

    application_approve(
        actor=county_worker,
        application_id=application.pk,
        reason="经审核，同意。",
        decisions={
            code: ItemDecision(grant=True)
            for code in application.items.filter(eligible=True).values_list("item__code", flat=True)
        },
    )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert [(f.label, f.value, f.document) for f in declared_facts(application)] == [
        ("金融资产(元)", "3,000.00", "SM-2026-0042"),
        ("有赡养能力的法定义务人", "否", "SM-2026-0042"),
        ("每月赡养(抚养)费(元)", "0.00", "SM-2026-0042"),
    ]


def test_a_declaration_left_blank_again_is_withdrawn_and_the_fact_is_unverified_again(
    village_worker,
):
    application = _unverified()
    _confirm(
        application,
        village_worker,
        values=DECLARED,
        declarations=dict.fromkeys(DECLARED, STATEMENT),
    )
    # The 入户调查 finds the facts do not hold and sends the case back to 核对; one is cleared.
    record_visit(application, village_worker, confirmed=False)

    _confirm(application, village_worker, values={"has_capable_supporter": ""})

    assert set(FactAttestation.objects.values_list("path", flat=True)) == {
        "assets.financial",
        "support_received_monthly",
    }
    assert application.case["has_capable_supporter"] is None
    assert "has_capable_supporter" not in application.case_sources
    # The other declarations stand without being typed again.
    assert application.case_sources["assets.financial"] == "家庭申报(证明材料 SM-2026-0042)"
    event = AuditEvent.objects.filter(target_id=str(application.pk)).order_by("-id").first()
    assert event.changes["declarations_withdrawn"] == ["has_capable_supporter"]
    assert application.items.get(item__code="tekun").eligible is None  # 待核对 again
