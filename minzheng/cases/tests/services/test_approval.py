"""县级审批: item by item, the hold of an open objection, the notice and the schedules."""

import datetime as dt
from decimal import Decimal

import pytest

from minzheng.accounts.enums import Role
from minzheng.cases.enums import (
    ApplicationStatus,
    ProposalSource,
    ScheduleStatus,
    StepKind,
    StepOutcome,
)
from minzheng.cases.models import PaymentSchedule
from minzheng.cases.services.approval import (
    ItemDecision,
    application_approve,
    application_refuse,
)
from minzheng.cases.services.publicity import objection_lodge, publicity_complete
from minzheng.cases.services.workflow import WorkflowConflict
from minzheng.cases.tests.factories import application_at, item
from minzheng.cases.tests.helpers import nothing_written, steps_of, to_publicity
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError, NotFound, PermissionDenied
from minzheng.core.models import AuditEvent

pytestmark = pytest.mark.django_db
GRANT_ALL = {
    code: ItemDecision(grant=True)
    for code in (
        "dibao",
        "medical",
        "education",
        "housing",
        "electricity_waiver",
        "cable_tv_waiver",
    )
}


@pytest.fixture
def publicised(frozen, village_worker, township_worker):
    return to_publicity(application_at(StepKind.CHECK), village_worker, township_worker)


@pytest.fixture
def deciding(publicised, township_worker, frozen):
    frozen.move_to("2026-11-27 09:00 +0800")
    publicity_complete(actor=township_worker, application_id=publicised.pk)
    publicised.refresh_from_db()
    return publicised


def test_approving_grants_the_items_from_next_month_with_a_schedule(deciding, county_worker):
    application_approve(
        actor=county_worker, application_id=deciding.pk, decisions=GRANT_ALL, reason="同意"
    )

    deciding.refresh_from_db()
    assert deciding.status == ApplicationStatus.APPROVED
    assert deciding.current_step == ""
    assert deciding.decision_number == "JD20261127-0001"
    assert deciding.start_month == dt.date(2026, 12, 1)
    # Deciding pays nothing: no 发放 step is recorded as done; the schedule is what is owed.
    assert [(k, o) for k, o, _d in steps_of(deciding)][-2:] == [
        ("county_approval", StepOutcome.APPROVED),
        ("decision_notice", StepOutcome.APPROVED),
    ]
    schedule = PaymentSchedule.objects.get()
    assert (
        schedule.item.code,
        schedule.monthly_amount,
        schedule.start_month,
        schedule.end_month,
    ) == (
        "dibao",
        Decimal("525.00"),
        dt.date(2026, 12, 1),
        None,
    )
    granted = dict(deciding.items.filter(granted=True).values_list("item__code", "granted_amount"))
    assert granted["dibao"] == Decimal("525.00")
    assert granted["medical"] == Decimal("0.00")
    event = AuditEvent.objects.filter(target_id=str(deciding.pk)).order_by("-id").first()
    assert event.changes["status"] == ["in_progress", "approved"]
    assert event.changes["granted"]["dibao"] == "525.00"


def test_an_amount_may_be_lowered_with_a_reason_never_raised(deciding, county_worker):
    raised = {**GRANT_ALL, "dibao": ItemDecision(grant=True, amount=Decimal("600"))}
    lowered = {**GRANT_ALL, "dibao": ItemDecision(grant=True, amount=Decimal("400"))}

    for decisions, message in (
        (raised, "批准金额不能高于拟发放金额 525.00 元。"),
        (lowered, "核减金额须写明理由。"),
    ):
        with nothing_written(deciding), pytest.raises(ApplicationError) as refused:
            application_approve(
                actor=county_worker, application_id=deciding.pk, decisions=decisions, reason="同意"
            )
        assert refused.value.fields == {"dibao": message}

    application_approve(
        actor=county_worker,
        application_id=deciding.pk,
        decisions={
            **GRANT_ALL,
            "dibao": ItemDecision(grant=True, amount=Decimal("400"), reason="有赡养费未申报"),
        },
        reason="同意，核减",
    )
    assert PaymentSchedule.objects.get().monthly_amount == Decimal("400.00")


def test_every_proposed_item_needs_a_decision(deciding, county_worker):
    with nothing_written(deciding), pytest.raises(ApplicationError) as refused:
        application_approve(
            actor=county_worker,
            application_id=deciding.pk,
            decisions={"dibao": ItemDecision(grant=False)},
        )
    assert refused.value.fields["dibao"] == "不予批准须写明理由。"
    assert refused.value.fields["medical"] == "请对该事项作出批准或不批准的决定。"


def test_approval_is_refused_while_an_objection_is_open(publicised, county_worker):
    objection_lodge(
        application_id=publicised.pk,
        village_code=publicised.division_id,
        content="有隐瞒收入",
        contact_phone="",
    )

    with nothing_written(publicised), pytest.raises(WorkflowConflict) as held:
        application_approve(actor=county_worker, application_id=publicised.pk, decisions=GRANT_ALL)
    assert held.value.code == ErrorCode.CONFLICT
    assert held.value.message == "公示期间收到的异议尚未处理，暂不能审批。请镇(街道)先处理异议。"
    assert held.value.extra == {"reason": "objection_open"}


def test_approving_during_the_publicity_is_out_of_order(publicised, county_worker):
    with nothing_written(publicised), pytest.raises(WorkflowConflict) as refused:
        application_approve(actor=county_worker, application_id=publicised.pk, decisions=GRANT_ALL)
    assert refused.value.message == "该申请当前处于“公示”步骤，不能办理“县级审批”。"


def test_the_township_may_not_approve_and_another_county_sees_nothing(deciding, make_staff):
    township = make_staff(Role.TOWNSHIP_WORKER, 330482001000)
    elsewhere = make_staff(Role.COUNTY_CASEWORKER, 330503000000)  # 南浔区

    with nothing_written(deciding), pytest.raises(PermissionDenied):
        application_approve(actor=township, application_id=deciding.pk, decisions=GRANT_ALL)
    with nothing_written(deciding), pytest.raises(NotFound):
        application_approve(actor=elsewhere, application_id=deciding.pk, decisions=GRANT_ALL)


def test_refusing_needs_a_reason_and_refuses_every_item(deciding, county_worker):
    with nothing_written(deciding), pytest.raises(ApplicationError):
        application_refuse(actor=county_worker, application_id=deciding.pk, reason=" ")

    application_refuse(actor=county_worker, application_id=deciding.pk, reason="存款超过标准")

    deciding.refresh_from_db()
    assert (deciding.status, deciding.start_month) == (ApplicationStatus.REFUSED, None)
    assert [(k, o) for k, o, _d in steps_of(deciding)][-2:] == [
        ("county_approval", StepOutcome.REFUSED),
        ("decision_notice", StepOutcome.REFUSED),
    ]
    assert PaymentSchedule.objects.count() == 0
    assert set(deciding.items.values_list("decision_reason", flat=True)) == {"存款超过标准"}


def test_a_new_grant_of_the_same_item_stops_the_old_schedule(frozen, county_worker):
    old = application_at(StepKind.COUNTY_APPROVAL)
    old.items.filter(item=item("dibao")).update(eligible=True, proposed_amount=Decimal(300))
    application_approve(
        actor=county_worker,
        application_id=old.pk,
        decisions={"dibao": ItemDecision(grant=True)},
        reason="同意",
    )
    frozen.move_to("2027-03-10 10:00 +0800")
    new = application_at(StepKind.COUNTY_APPROVAL, household=old.household)
    new.items.filter(item=item("dibao")).update(eligible=True, proposed_amount=Decimal(525))

    application_approve(
        actor=county_worker,
        application_id=new.pk,
        decisions={"dibao": ItemDecision(grant=True)},
        reason="同意",
    )

    schedules = list(
        PaymentSchedule.objects.order_by("start_month").values_list(
            "monthly_amount", "start_month", "end_month", "status"
        )
    )
    assert schedules == [
        (Decimal("300.00"), dt.date(2026, 12, 1), dt.date(2027, 3, 1), ScheduleStatus.STOPPED),
        (Decimal("525.00"), dt.date(2027, 4, 1), None, ScheduleStatus.ACTIVE),
    ]
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE).count() == 2


def test_a_decision_on_unconfirmed_parameters_is_refused_naming_them(deciding, make_staff):
    """Before the county confirms the model's assumptions, no approval rests on them."""
    approver = make_staff(Role.COUNTY_CASEWORKER)
    with nothing_written(deciding), pytest.raises(ApplicationError) as refused:
        application_approve(
            actor=approver, application_id=deciding.pk, decisions=GRANT_ALL, reason="同意"
        )
    message = str(refused.value.message)
    assert refused.value.code == ErrorCode.CONFLICT
    assert message.startswith("规则预审所用的政策参数尚未经县级管理员确认：低保标准、")
    assert "上年度居民人均可支配收入" in message
    assert "dibao." not in message
    assert "rigid." not in message


def test_items_the_worker_proposed_do_not_wait_for_the_parameters(deciding, make_staff):
    """A decision on the worker's proposals (临时救助 …) rests on the worker's note, not on the
    rules' values; here every item is made a worker proposal to isolate that."""
    deciding.items.update(proposal_source=ProposalSource.WORKER)
    application_approve(
        actor=make_staff(Role.COUNTY_CASEWORKER),
        application_id=deciding.pk,
        decisions=GRANT_ALL,
        reason="同意",
    )
    deciding.refresh_from_db()
    assert deciding.status == ApplicationStatus.APPROVED


def test_once_the_county_confirms_its_parameters_the_approval_goes_through(
    deciding, make_staff, parameters_confirmed
):
    approver = make_staff(Role.COUNTY_CASEWORKER)
    application_approve(
        actor=approver, application_id=deciding.pk, decisions=GRANT_ALL, reason="同意"
    )
    deciding.refresh_from_db()
    assert deciding.status == ApplicationStatus.APPROVED


def test_the_approval_page_says_which_parameters_wait_for_confirmation(
    deciding, make_staff, client_for
):
    client = client_for(make_staff(Role.COUNTY_CASEWORKER))
    response = client.post(
        f"/cases/{deciding.pk}/approve/", {"grant:dibao": "true", "reason": "同意"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "规则预审所用的政策参数尚未经县级管理员确认：低保标准、" in page
    deciding.refresh_from_db()
    assert deciding.status != ApplicationStatus.APPROVED
