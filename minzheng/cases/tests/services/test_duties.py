"""Separation of duties: the taker and the 镇街 reviewer do not approve, a 村社 step done by
someone else says for whom and why, reviews and approvals carry an opinion; each rule per region
from a date."""

import datetime as dt
from decimal import Decimal

import pytest

from minzheng.accounts.enums import Role
from minzheng.cases.duties import DUTY_SETTINGS, Duty, DutyConflict, duty_values
from minzheng.cases.enums import ApplicationStatus, CasesErrorCode, StepKind
from minzheng.cases.models import DutyRuleSetting
from minzheng.cases.services.approval import (
    ItemDecision,
    application_approve,
    application_refuse,
)
from minzheng.cases.services.check import application_check_confirm
from minzheng.cases.services.investigation import (
    application_investigation_record,
    application_township_review,
)
from minzheng.cases.services.publicity import objection_resolve, publicity_complete
from minzheng.cases.tests.factories import ObjectionFactory, application_at, item
from minzheng.cases.tests.helpers import confirm_check, nothing_written, record_visit
from minzheng.core.dated_settings import setting_add
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError, PermissionDenied
from minzheng.core.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
PINGHU = 330482000000
SONGFENG = 330482001034
DIBAO = {"dibao": ItemDecision(grant=True)}
REASON = "村社工作人员病假，镇街代为核对"


@pytest.fixture
def admin(make_staff):
    return make_staff(Role.COUNTY_ADMIN, PINGHU)


@pytest.fixture
def second_approver(make_staff):
    return make_staff(Role.COUNTY_CASEWORKER, PINGHU)


def switch(admin, duty: Duty, on: bool, *, start=dt.date(2026, 11, 1), region="330482"):
    setting_add(
        DUTY_SETTINGS,
        actor=admin,
        name=duty.value,
        region=region,
        start=start,
        value="1" if on else "0",
        reference="平湖市民政局内控制度(测试)",
    )


def at_approval(**fields):
    application = application_at(StepKind.COUNTY_APPROVAL, **fields)
    application.items.filter(item=item("dibao")).update(eligible=True, proposed_amount=525)
    return application


# 审批独立


def test_the_taker_may_not_approve_or_refuse_and_nothing_is_written(county_worker, second_approver):
    application = at_approval(taken_by=county_worker)

    for decide in (
        lambda: application_approve(
            actor=county_worker, application_id=application.pk, decisions=DIBAO, reason="同意"
        ),
        lambda: application_refuse(
            actor=county_worker, application_id=application.pk, reason="存款超标"
        ),
    ):
        with nothing_written(application), pytest.raises(DutyConflict) as refused:
            decide()
        assert isinstance(refused.value, PermissionDenied)
        assert refused.value.status == 403
        assert refused.value.code == ErrorCode.PERMISSION_DENIED
        assert refused.value.extra == {"reason": CasesErrorCode.SEPARATION_OF_DUTIES.value}
        assert refused.value.message == (
            "您是该申请的受理人，按职责分离规定不能作县级审批，请由其他审批人办理。"
        )

    application_approve(
        actor=second_approver, application_id=application.pk, decisions=DIBAO, reason="同意"
    )
    application.refresh_from_db()
    assert (application.status, application.decided_by) == (
        ApplicationStatus.APPROVED,
        second_approver,
    )


def test_whoever_did_the_township_review_may_not_approve(
    frozen, admin, village_worker, township_worker, second_approver
):
    application = application_at(StepKind.CHECK)
    confirm_check(application, village_worker)
    record_visit(application, village_worker)
    # The county admin holds every capability, the 镇街审核 and the 县级审批 among them.
    application_township_review(
        actor=admin, application_id=application.pk, decision="approve", reason="情况属实"
    )
    frozen.move_to("2026-11-27 09:00 +0800")
    publicity_complete(actor=township_worker, application_id=application.pk)
    application.refresh_from_db()

    with nothing_written(application), pytest.raises(DutyConflict) as refused:
        application_approve(
            actor=admin,
            application_id=application.pk,
            decisions={row.item.code: ItemDecision(grant=True) for row in application.items.all()},
            reason="同意",
        )
    assert refused.value.message == (
        "您办理了该申请的镇街审核，按职责分离规定不能作县级审批，请由其他审批人办理。"
    )

    application_refuse(actor=second_approver, application_id=application.pk, reason="存款超标")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REFUSED


def test_a_county_that_turns_the_rule_off_lets_the_taker_approve(admin, county_worker):
    switch(admin, Duty.APPROVER_INDEPENDENT, on=False)
    application = at_approval(taken_by=county_worker)

    application_approve(
        actor=county_worker, application_id=application.pk, decisions=DIBAO, reason="同意"
    )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_a_switch_counts_only_from_its_date_and_only_in_its_region(admin, county_worker):
    switch(admin, Duty.APPROVER_INDEPENDENT, on=False, start=dt.date(2026, 12, 1))
    switch(admin, Duty.WRITTEN_OPINION, on=False, region="330500")
    application = at_approval(taken_by=county_worker)

    with nothing_written(application), pytest.raises(DutyConflict):
        application_approve(
            actor=county_worker, application_id=application.pk, decisions=DIBAO, reason="同意"
        )
    assert duty_values(region="330482", day=dt.date(2026, 11, 20)) == dict.fromkeys(Duty, True)
    assert (
        duty_values(region="330482", day=dt.date(2026, 12, 1))[Duty.APPROVER_INDEPENDENT] is False
    )
    assert duty_values(region="330500", day=dt.date(2026, 11, 20))[Duty.WRITTEN_OPINION] is False
    # Switched on again, from a later date: the history stays.
    switch(admin, Duty.APPROVER_INDEPENDENT, on=True, start=dt.date(2027, 1, 1))
    assert duty_values(region="330482", day=dt.date(2027, 1, 1))[Duty.APPROVER_INDEPENDENT] is True


# 村社步骤由本村社办理


def test_the_village_worker_does_the_check_for_no_one_else(village_worker):
    application = application_at(StepKind.CHECK)

    confirm_check(application, village_worker)

    step = application.steps.get(kind=StepKind.CHECK)
    assert (step.completed_by, step.on_behalf, step.on_behalf_reason) == (
        village_worker,
        False,
        "",
    )
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, changes__step="check")
    assert "on_behalf_of" not in event.changes


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_township_worker_checks_for_the_village_only_with_a_reason(township_worker, reason):
    application = application_at(StepKind.CHECK)

    with nothing_written(application), pytest.raises(ApplicationError) as refused:
        application_check_confirm(
            actor=township_worker,
            application_id=application.pk,
            values={},
            sources={},
            on_behalf_reason=reason,
        )
    assert refused.value.fields == {
        "on_behalf_reason": "该步骤由村(社区)办理；代为办理须填写代办理由，如“村社工作人员病假”。"
    }


def test_the_check_done_on_the_villages_behalf_says_who_for_whom_and_why(
    township_worker, county_worker
):
    application = application_at(StepKind.CHECK)

    application_check_confirm(
        actor=township_worker,
        application_id=application.pk,
        values={},
        sources={},
        on_behalf_reason=f"  {REASON} ",
    )

    step = application.steps.get(kind=StepKind.CHECK)
    assert step.owner_division_id == SONGFENG
    assert (step.completed_by, step.on_behalf, step.on_behalf_reason) == (
        township_worker,
        True,
        REASON,
    )
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, changes__step="check")
    assert event.actor == township_worker
    assert event.changes["on_behalf_of"] == SONGFENG
    assert event.changes["on_behalf_reason"] == REASON


def test_an_overlong_reason_is_refused(county_worker):
    application = application_at(StepKind.CHECK)

    with nothing_written(application), pytest.raises(ApplicationError) as refused:
        application_check_confirm(
            actor=county_worker,
            application_id=application.pk,
            values={},
            sources={},
            on_behalf_reason="理" * 501,
        )
    assert refused.value.fields == {"on_behalf_reason": "代办理由不能超过 500 字。"}


def _visit(actor, application, reason=""):
    return application_investigation_record(
        actor=actor,
        application_id=application.pk,
        visited_on=dt.date(2026, 11, 20),
        present="申请人本人",
        living_conditions="独居",
        composition_confirmed=True,
        facts_confirmed=True,
        on_behalf_reason=reason,
    )


def test_the_investigation_on_the_villages_behalf_needs_a_reason_too(
    village_worker, township_worker
):
    application = application_at(StepKind.CHECK)
    confirm_check(application, village_worker)

    with nothing_written(application), pytest.raises(ApplicationError) as refused:
        _visit(township_worker, application)
    assert set(refused.value.fields) == {"on_behalf_reason"}

    _visit(township_worker, application, reason="镇街与村社联合入户，由镇街记录")
    step = application.steps.get(kind=StepKind.INVESTIGATION)
    assert (step.on_behalf, step.on_behalf_reason) == (True, "镇街与村社联合入户，由镇街记录")
    event = AuditEvent.objects.get(changes__step="investigation")
    assert event.changes["on_behalf_of"] == SONGFENG


def test_with_the_rule_off_the_step_still_records_it_was_done_on_behalf(admin, township_worker):
    switch(admin, Duty.VILLAGE_STEP_BY_VILLAGE, on=False)
    application = application_at(StepKind.CHECK)

    confirm_check(application, township_worker)

    step = application.steps.get(kind=StepKind.CHECK)
    assert (step.on_behalf, step.on_behalf_reason) == (True, "")
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, changes__step="check")
    assert event.changes["on_behalf_of"] == SONGFENG


# 书面意见


@pytest.fixture
def reviewing(village_worker):
    application = application_at(StepKind.CHECK)
    confirm_check(application, village_worker)
    record_visit(application, village_worker)
    application.refresh_from_db()
    return application


@pytest.mark.parametrize("reason", ["", " \n\t "])
def test_an_agreeing_township_review_needs_an_opinion(reviewing, township_worker, reason):
    with nothing_written(reviewing), pytest.raises(ApplicationError) as refused:
        application_township_review(
            actor=township_worker, application_id=reviewing.pk, decision="approve", reason=reason
        )
    assert refused.value.message == "审核意见不完整，未保存。"
    assert refused.value.fields == {"reason": "请填写审核意见。"}


def test_an_approval_needs_an_opinion(county_worker):
    application = at_approval()

    with nothing_written(application), pytest.raises(ApplicationError) as refused:
        application_approve(
            actor=county_worker, application_id=application.pk, decisions=DIBAO, reason="  "
        )
    assert refused.value.fields == {"opinion": "请填写审批意见。"}
    assert application.items.get(item=item("dibao")).granted is None


def test_a_refusal_and_an_objections_resolution_need_their_reasons(county_worker, township_worker):
    application = at_approval()
    with nothing_written(application), pytest.raises(ApplicationError) as refused:
        application_refuse(actor=county_worker, application_id=application.pk, reason=" ")
    assert refused.value.fields == {"reason": "请写明不予批准的理由。"}

    objection = ObjectionFactory(application=application_at(StepKind.PUBLICITY))
    with nothing_written(objection.application), pytest.raises(ApplicationError) as refused:
        objection_resolve(
            actor=township_worker, objection_id=objection.pk, upheld=False, outcome="", reason=" "
        )
    assert refused.value.fields == {"reason": "请写明处理理由。"}


def test_with_the_rule_off_agreeing_needs_no_opinion_but_a_return_or_refusal_still_does(
    admin, reviewing, township_worker, county_worker
):
    switch(admin, Duty.WRITTEN_OPINION, on=False)

    with nothing_written(reviewing), pytest.raises(ApplicationError) as refused:
        application_township_review(
            actor=township_worker, application_id=reviewing.pk, decision="return_check", reason=""
        )
    assert refused.value.fields == {"reason": "退回须写明理由。"}
    application_township_review(
        actor=township_worker, application_id=reviewing.pk, decision="approve", reason=""
    )

    application = at_approval()
    with pytest.raises(ApplicationError):
        application_refuse(actor=county_worker, application_id=application.pk, reason="")
    application_approve(
        actor=county_worker, application_id=application.pk, decisions=DIBAO, reason=""
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.items.get(item=item("dibao")).granted_amount == Decimal("525.00")


# The county's switches


def test_a_switch_is_refused_with_chinese_messages_and_nothing_written(admin):
    with pytest.raises(ApplicationError) as refused:
        setting_add(
            DUTY_SETTINGS,
            actor=admin,
            name="approver_independent",
            region="330482",
            start=dt.date(2026, 12, 1),
            value="2",
            reference=" ",
        )
    assert refused.value.fields == {
        "value": "请填写 1(启用)或 0(停用)。",
        "reference": "请填写依据。",
    }
    assert DutyRuleSetting.objects.count() == 0
    assert not AuditEvent.objects.filter(target_type="cases.duty_rule_setting").exists()


def test_only_a_parameter_editor_switches_a_rule_and_each_switch_is_audited(admin, county_worker):
    with pytest.raises(PermissionDenied):
        switch(county_worker, Duty.WRITTEN_OPINION, on=False)
    assert DutyRuleSetting.objects.count() == 0

    switch(admin, Duty.WRITTEN_OPINION, on=False)

    event = AuditEvent.objects.get(target_type="cases.duty_rule_setting")
    assert (event.actor, event.action) == (admin, AuditAction.CREATE)
    assert event.changes == {
        "name": "written_opinion",
        "region": "330482",
        "start": "2026-11-01",
        "value": "0",
    }
