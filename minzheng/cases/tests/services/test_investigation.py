"""入户调查, the worker's proposals for items the rules do not judge, and the 镇街审核."""

import datetime as dt
from decimal import Decimal

import pytest

from minzheng.accounts.enums import Role
from minzheng.cases.enums import ProposalSource, StepKind, StepOutcome
from minzheng.cases.models import Investigation
from minzheng.cases.services.investigation import (
    application_investigation_record,
    application_township_review,
)
from minzheng.cases.services.proposal import application_item_propose
from minzheng.cases.services.workflow import WorkflowConflict
from minzheng.cases.tests.factories import application_at
from minzheng.cases.tests.helpers import (
    approve_review,
    confirm_check,
    nothing_written,
    record_visit,
    steps_of,
)
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError, NotFound, PermissionDenied
from minzheng.core.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def visiting(village_worker):
    application = application_at(StepKind.CHECK)
    confirm_check(application, village_worker)
    application.refresh_from_db()
    return application


def test_a_confirmed_visit_goes_to_the_township_review(visiting, village_worker):
    record = record_visit(visiting, village_worker)

    visiting.refresh_from_db()
    assert visiting.current_step == StepKind.TOWNSHIP_REVIEW
    assert record.step.kind == StepKind.INVESTIGATION
    assert (record.visited_on, record.is_confirmed) == (dt.date(2026, 11, 20), True)
    kind, outcome, due = steps_of(visiting)[-1]
    assert (kind, outcome, due) == ("township_review", "", dt.date(2026, 11, 27))
    owner = visiting.steps.get(kind=StepKind.TOWNSHIP_REVIEW)
    assert (owner.owner_division_id, owner.owner_role) == (330482001000, "township_worker")
    event = AuditEvent.objects.filter(target_id=str(visiting.pk)).order_by("-id").first()
    assert event.changes == {
        "step": "investigation",
        "confirmed": True,
        "next_step": "township_review",
    }
    assert "张" not in str(event.changes)


def test_facts_not_confirmed_send_the_application_back_to_check(visiting, village_worker):
    record_visit(visiting, village_worker, confirmed=False)

    visiting.refresh_from_db()
    assert visiting.current_step == StepKind.CHECK
    assert [(k, o) for k, o, _d in steps_of(visiting)][-2:] == [
        ("investigation", StepOutcome.RETURNED),
        ("check", ""),
    ]


def test_a_visit_record_needs_its_facts(visiting, village_worker):
    with nothing_written(visiting), pytest.raises(ApplicationError) as refused:
        application_investigation_record(
            actor=village_worker,
            application_id=visiting.pk,
            visited_on=dt.date(2026, 11, 21),
            present=" ",
            living_conditions="",
            composition_confirmed=True,
            facts_confirmed=True,
        )

    assert refused.value.fields == {
        "visited_on": "入户日期不能晚于今天。",
        "present": "请填写在场人员。",
        "living_conditions": "请描述家庭生活状况。",
    }


def test_an_asked_for_item_the_rules_do_not_judge_needs_the_workers_proposal(village_worker):
    application = application_at(StepKind.CHECK, items=("dibao", "temporary"))
    confirm_check(application, village_worker)

    with nothing_written(application), pytest.raises(ApplicationError) as refused:
        record_visit(application, village_worker)
    assert refused.value.fields == {"items": "以下申请事项尚未提出意见：临时救助。"}

    row = application_item_propose(
        actor=village_worker,
        application_id=application.pk,
        item_code="temporary",
        eligible=True,
        amount=Decimal("3000"),
        note="近期住院自付医疗费 2.1 万元",
    )
    record_visit(application, village_worker)

    assert (row.eligible, row.proposed_amount, row.proposal_source) == (
        True,
        Decimal("3000.00"),
        ProposalSource.WORKER,
    )
    assert row.explanation == ["近期住院自付医疗费 2.1 万元"]


@pytest.mark.parametrize(
    ("code", "amount", "note", "fields", "_case"),
    [
        ("dibao", None, "x", {"item": "该事项由规则预审判断，不能由经办人提出。"}, "rules item"),
        ("temporary", None, "x", {"amount": "请填写拟发放的临时救助金额。"}, "no amount"),
        ("temporary", Decimal(500), " ", {"note": "请写明提出或不提出的理由。"}, "no reason"),
        ("nothing", None, "x", {"item": "救助事项不存在或已停用。"}, "unknown item"),
    ],
)
def test_a_worker_proposal_is_refused_with_the_field_named(
    visiting, village_worker, code, amount, note, fields, _case
):
    with nothing_written(visiting), pytest.raises(ApplicationError) as refused:
        application_item_propose(
            actor=village_worker,
            application_id=visiting.pk,
            item_code=code,
            eligible=True,
            amount=amount,
            note=note,
        )
    assert refused.value.fields == fields


def test_the_village_worker_may_not_review_for_the_township(visiting, village_worker):
    record_visit(visiting, village_worker)

    with nothing_written(visiting), pytest.raises(PermissionDenied):
        approve_review(visiting, village_worker)


def test_another_township_does_not_see_the_application(visiting, village_worker, make_staff):
    record_visit(visiting, village_worker)
    zhapu = make_staff(Role.TOWNSHIP_WORKER, 330482101000)

    with nothing_written(visiting), pytest.raises(NotFound):
        approve_review(visiting, zhapu)


def test_the_township_approves_to_a_seven_day_publicity(visiting, village_worker, township_worker):
    record_visit(visiting, village_worker)

    approve_review(visiting, township_worker)

    visiting.refresh_from_db()
    assert visiting.current_step == StepKind.PUBLICITY
    assert (visiting.publicity_starts_on, visiting.publicity_ends_on) == (
        dt.date(2026, 11, 20),
        dt.date(2026, 11, 26),
    )
    publicity = visiting.steps.get(kind=StepKind.PUBLICITY)
    assert (publicity.due_on, publicity.owner_division_id) == (dt.date(2026, 11, 27), 330482001034)


@pytest.mark.parametrize(
    ("decision", "back"),
    [("return_check", StepKind.CHECK), ("return_investigation", StepKind.INVESTIGATION)],
)
def test_the_township_returns_with_a_reason(
    visiting, village_worker, township_worker, decision, back
):
    record_visit(visiting, village_worker)

    with nothing_written(visiting), pytest.raises(ApplicationError) as refused:
        application_township_review(
            actor=township_worker, application_id=visiting.pk, decision=decision, reason=""
        )
    assert refused.value.fields == {"reason": "请填写审核意见。"}

    application_township_review(
        actor=township_worker, application_id=visiting.pk, decision=decision, reason="收入待核"
    )
    visiting.refresh_from_db()
    assert visiting.current_step == back
    review = visiting.steps.get(kind=StepKind.TOWNSHIP_REVIEW)
    assert (review.outcome, review.note, review.completed_by) == (
        StepOutcome.RETURNED,
        "收入待核",
        township_worker,
    )
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.UPDATE, changes__step="township_review"
        ).count()
        == 1
    )


def test_nothing_to_publicise_goes_straight_to_the_county(village_worker, township_worker):
    application = application_at(StepKind.CHECK, items=("temporary",))
    confirm_check(application, village_worker)
    # The family's income is above every line: only the worker's 临时救助 is proposed.
    application.items.exclude(item__code="temporary").update(eligible=False)
    application_item_propose(
        actor=village_worker,
        application_id=application.pk,
        item_code="temporary",
        eligible=True,
        amount=Decimal(2000),
        note="火灾",
    )
    record_visit(application, village_worker)

    approve_review(application, township_worker)

    application.refresh_from_db()
    assert application.current_step == StepKind.COUNTY_APPROVAL
    assert application.publicity_starts_on is None


def test_reviewing_before_the_visit_is_a_conflict(visiting, township_worker):
    with nothing_written(visiting), pytest.raises(WorkflowConflict) as refused:
        approve_review(visiting, township_worker)
    assert refused.value.message == "该申请当前处于“入户调查”步骤，不能办理“镇街审核”。"
    assert Investigation.objects.count() == 0
