"""公示: objections from anyone hold the case until the 镇街 resolves them."""

import datetime as dt

import pytest
from django.core.cache import cache

from minzheng.accounts.system import system_user
from minzheng.cases.enums import ApplicationStatus, ObjectionStatus, StepKind, StepOutcome
from minzheng.cases.models import Objection
from minzheng.cases.services.publicity import (
    OBJECTIONS_PER_HOUR,
    RateLimited,
    objection_lodge,
    objection_resolve,
    publicity_complete,
    publicity_complete_due,
)
from minzheng.cases.services.workflow import WorkflowConflict
from minzheng.cases.tasks import publicity_complete_due_task
from minzheng.cases.tests.factories import application_at
from minzheng.cases.tests.helpers import nothing_written, to_publicity
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError, NotFound, PermissionDenied
from minzheng.core.models import AuditEvent
from minzheng.core.request_context import reset_client_ip, set_client_ip

pytestmark = pytest.mark.django_db
SONGFENG = 330482001034


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def publicised(frozen, village_worker, township_worker):
    return to_publicity(application_at(StepKind.CHECK), village_worker, township_worker)


def lodge(application, content="该户儿子在外地开公司，收入较高。", phone=""):
    return objection_lodge(
        application_id=application.pk,
        village_code=SONGFENG,
        content=content,
        contact_phone=phone,
    )


def test_anyone_may_lodge_an_objection_and_its_audit_holds_no_content(publicised):
    objection = lodge(publicised, phone="13800001234")

    assert (objection.status, objection.contact_phone) == (ObjectionStatus.OPEN, "13800001234")
    assert objection.step.kind == StepKind.PUBLICITY
    event = AuditEvent.objects.get(target_type="cases.objection")
    assert (event.actor, event.action, event.division_code) == (None, AuditAction.CREATE, SONGFENG)
    assert event.changes == {"step": "publicity", "application": str(publicised.pk)}


@pytest.mark.parametrize(
    ("content", "phone", "fields", "_case"),
    [
        ("", "", {"content": "请填写异议内容。"}, "empty"),
        ("x" * 1001, "", {"content": "异议内容不能超过 1000 字。"}, "too long"),
        (
            "有收入",
            "12345",
            {"contact_phone": "电话号码格式不正确：手机号为 11 位，座机需带区号。"},
            "bad phone",
        ),
    ],
)
def test_a_bad_objection_is_refused(publicised, content, phone, fields, _case):
    with nothing_written(publicised), pytest.raises(ApplicationError) as refused:
        lodge(publicised, content=content, phone=phone)
    assert refused.value.fields == fields


def test_objections_are_rate_limited_per_address(publicised):
    token = set_client_ip("203.0.113.7")
    try:
        for _ in range(OBJECTIONS_PER_HOUR):
            lodge(publicised)
        with pytest.raises(RateLimited) as refused:
            lodge(publicised)
    finally:
        reset_client_ip(token)
    assert refused.value.status == 429
    assert Objection.objects.count() == OBJECTIONS_PER_HOUR
    token = set_client_ip("203.0.113.8")
    try:
        lodge(publicised)  # another address is not held back
    finally:
        reset_client_ip(token)
    assert Objection.objects.count() == OBJECTIONS_PER_HOUR + 1


def test_no_objection_outside_the_publicity_or_the_village(publicised, frozen):
    with pytest.raises(NotFound):
        objection_lodge(
            application_id=publicised.pk,
            village_code=330482001031,
            content="x",
            contact_phone="",
        )
    frozen.move_to("2026-11-27 09:00 +0800")  # the 7 days ran from 11-20 to 11-26
    with nothing_written(publicised), pytest.raises(NotFound):
        lodge(publicised)


def test_publicity_completes_only_after_seven_days(publicised, township_worker, frozen):
    with nothing_written(publicised), pytest.raises(WorkflowConflict) as early:
        publicity_complete(actor=township_worker, application_id=publicised.pk)
    assert early.value.message == "公示期至 2026-11-26 止，期满后方可结束公示。"

    frozen.move_to("2026-11-27 09:00 +0800")
    publicity_complete(actor=township_worker, application_id=publicised.pk)

    publicised.refresh_from_db()
    assert publicised.current_step == StepKind.COUNTY_APPROVAL
    approval = publicised.steps.get(kind=StepKind.COUNTY_APPROVAL)
    # 5 working days from Friday 2026-11-27.
    assert (approval.due_on, approval.owner_division_id) == (dt.date(2026, 12, 4), 330482000000)


def test_an_open_objection_holds_the_publicity(publicised, township_worker, frozen):
    lodge(publicised)
    frozen.move_to("2026-11-28 09:00 +0800")

    with nothing_written(publicised), pytest.raises(WorkflowConflict) as held:
        publicity_complete(actor=township_worker, application_id=publicised.pk)
    assert held.value.extra == {"reason": "objection_open"}
    assert publicity_complete_due() == 0
    publicised.refresh_from_db()
    assert publicised.current_step == StepKind.PUBLICITY


def test_dismissing_the_last_objection_after_the_seven_days_moves_on(
    publicised, township_worker, frozen
):
    objection = lodge(publicised)
    frozen.move_to("2026-11-28 09:00 +0800")

    objection_resolve(
        actor=township_worker,
        objection_id=objection.pk,
        upheld=False,
        outcome="",
        reason="经核实，其子已另立户且收入不计入。",
    )

    objection.refresh_from_db()
    publicised.refresh_from_db()
    assert (objection.status, objection.resolved_by) == (ObjectionStatus.DISMISSED, township_worker)
    assert publicised.current_step == StepKind.COUNTY_APPROVAL
    event = AuditEvent.objects.get(target_type="cases.objection", action=AuditAction.UPDATE)
    assert event.changes == {"step": "publicity", "status": ["open", "dismissed"], "outcome": ""}


def test_an_upheld_objection_returns_the_application_to_check(publicised, township_worker):
    objection = lodge(publicised)

    objection_resolve(
        actor=township_worker,
        objection_id=objection.pk,
        upheld=True,
        outcome="return_check",
        reason="其子收入需重新核对。",
    )

    publicised.refresh_from_db()
    assert publicised.current_step == StepKind.CHECK
    publicity = publicised.steps.get(kind=StepKind.PUBLICITY)
    assert (publicity.outcome, publicity.note) == (StepOutcome.RETURNED, "其子收入需重新核对。")


def test_an_upheld_objection_may_refuse_the_application(publicised, township_worker):
    objection = lodge(publicised)

    objection_resolve(
        actor=township_worker,
        objection_id=objection.pk,
        upheld=True,
        outcome="refuse",
        reason="隐瞒经营收入。",
    )

    publicised.refresh_from_db()
    assert publicised.status == ApplicationStatus.REFUSED
    assert publicised.current_step == ""
    assert publicised.decision_number == "JD20261120-0001"
    assert set(publicised.items.values_list("granted", flat=True)) == {False}


@pytest.mark.parametrize(
    ("upheld", "outcome", "reason", "fields", "_case"),
    [
        (False, "", " ", {"reason": "请写明处理理由。"}, "no reason"),
        (True, "", "x", {"outcome": "异议成立时，请选择退回核对或不予批准。"}, "no outcome"),
    ],
)
def test_a_resolution_needs_its_reason(
    publicised, township_worker, upheld, outcome, reason, fields, _case
):
    objection = lodge(publicised)
    with nothing_written(publicised), pytest.raises(ApplicationError) as refused:
        objection_resolve(
            actor=township_worker,
            objection_id=objection.pk,
            upheld=upheld,
            outcome=outcome,
            reason=reason,
        )
    assert refused.value.fields == fields


def test_an_objection_is_resolved_once(publicised, township_worker):
    objection = lodge(publicised)
    objection_resolve(
        actor=township_worker, objection_id=objection.pk, upheld=False, outcome="", reason="不实"
    )
    with nothing_written(publicised), pytest.raises(WorkflowConflict):
        objection_resolve(
            actor=township_worker,
            objection_id=objection.pk,
            upheld=False,
            outcome="",
            reason="不实",
        )


def test_the_village_worker_may_not_resolve_objections(publicised, village_worker):
    objection = lodge(publicised)
    with nothing_written(publicised), pytest.raises(PermissionDenied):
        objection_resolve(
            actor=village_worker, objection_id=objection.pk, upheld=False, outcome="", reason="x"
        )


def test_the_periodic_task_closes_due_publicities_without_objections(
    frozen, village_worker, township_worker
):
    quiet = to_publicity(application_at(StepKind.CHECK), village_worker, township_worker)
    held = to_publicity(application_at(StepKind.CHECK), village_worker, township_worker)
    lodge(held)
    frozen.move_to("2026-11-27 03:00 +0800")

    result = publicity_complete_due_task.enqueue()

    assert result.return_value == 1
    quiet.refresh_from_db()
    held.refresh_from_db()
    assert (quiet.current_step, held.current_step) == (
        StepKind.COUNTY_APPROVAL,
        StepKind.PUBLICITY,
    )
    closing = AuditEvent.objects.filter(target_id=str(quiet.pk)).order_by("-id").first()
    assert (closing.actor, closing.actor_username, closing.changes) == (
        system_user(),
        "system",
        {"step": "publicity", "next_step": "county_approval"},
    )
    assert quiet.steps.get(kind=StepKind.PUBLICITY).completed_by == system_user()


def test_nobody_ends_a_publicity_unnamed(publicised, frozen):
    # Before: actor None skipped the access check and closed it.
    frozen.move_to("2026-11-28 09:00 +0800")

    with nothing_written(publicised), pytest.raises(NotFound):
        publicity_complete(actor=None, application_id=publicised.pk)
