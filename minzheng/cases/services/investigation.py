"""入户调查 by the 村社 worker, and the 镇街审核 that follows it."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.accounts.models import User
from minzheng.cases.duties import opinion_required, village_duty
from minzheng.cases.enums import ProposalSource, ReviewDecision, StepKind, StepOutcome
from minzheng.cases.models import Application, Investigation
from minzheng.cases.permissions import access_application_step
from minzheng.cases.services.publicity import publicity_open
from minzheng.cases.services.workflow import (
    application_audit,
    application_lock,
    expect_step,
    open_step,
    require_text,
    step_complete,
    step_start,
)
from minzheng.core.clock import today
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError, Message
from minzheng.core.ids import RecordId


@transaction.atomic
def application_investigation_record(
    *,
    actor: User,
    application_id: RecordId,
    visited_on: dt.date | None,
    present: str,
    living_conditions: str,
    composition_confirmed: bool,
    facts_confirmed: bool,
    notes: str = "",
    on_behalf_reason: str = "",
) -> Investigation:
    """Record the visit. Confirmed, the application goes to the 镇街审核; else back to 核对.

    A 镇街 or county worker records it on the 村社's behalf with ``on_behalf_reason``
    (``duties.village_duty``).

    Raises:
        ApplicationError: a missing field, (when confirmed) an asked-for item nobody has
            proposed yet, or no reason for doing it on the 村社's behalf; nothing is saved.
        WorkflowConflict: the application is not at 入户调查.
    """
    access_application_step(actor=actor, application_id=application_id, step=StepKind.INVESTIGATION)
    application = application_lock(application_id=application_id)
    expect_step(application, StepKind.INVESTIGATION)
    errors: dict[str, Message] = {}
    on_behalf = village_duty(
        actor=actor,
        application=application,
        step=StepKind.INVESTIGATION,
        reason=on_behalf_reason,
        errors=errors,
    )
    if visited_on is None:
        errors["visited_on"] = _("请填写入户日期。")
    elif visited_on > today():
        errors["visited_on"] = _("入户日期不能晚于今天。")
    present = require_text(present, "present", _("请填写在场人员。"), errors)
    conditions = require_text(
        living_conditions, "living_conditions", _("请描述家庭生活状况。"), errors
    )
    confirmed = composition_confirmed and facts_confirmed
    if confirmed:
        waiting = [
            row.item.name
            for row in application.items.select_related("item")
            .filter(requested=True, eligible__isnull=True)
            # Left 待核对 by the rules: it waits for a declaration, which 县级审批 enforces.
            .exclude(proposal_source=ProposalSource.RULES)
        ]
        if waiting:
            errors["items"] = _("以下申请事项尚未提出意见：%(items)s。") % {
                "items": "、".join(waiting)
            }
    if errors or visited_on is None:
        raise ApplicationError(_("入户调查记录不完整，未保存。"), fields=errors)
    step = open_step(application)
    record = Investigation.objects.create(
        step=step,
        visited_on=visited_on,
        present=present[:255],
        living_conditions=conditions,
        composition_confirmed=composition_confirmed,
        facts_confirmed=facts_confirmed,
        notes=notes.strip(),
        recorded_by=actor,
    )
    if confirmed:
        step_complete(step=step, actor=actor, outcome=StepOutcome.DONE, on_behalf=on_behalf)
        step_start(application=application, step=StepKind.TOWNSHIP_REVIEW)
    else:
        step_complete(
            step=step,
            actor=actor,
            outcome=StepOutcome.RETURNED,
            note=_("家庭成员或申报情况与核对不符，退回核对。"),
            on_behalf=on_behalf,
        )
        step_start(application=application, step=StepKind.CHECK)
    application.save(update_fields=["current_step", "updated_at"])
    application_audit(
        actor=actor,
        application=application,
        action=AuditAction.UPDATE,
        step=StepKind.INVESTIGATION,
        changes={
            "confirmed": confirmed,
            "next_step": application.current_step,
            **on_behalf.audit(),
        },
    )
    return record


def needs_publicity(application: Application) -> bool:
    """Whether any item proposed as eligible is one the catalogue says must be publicised."""
    return application.items.filter(eligible=True, item__needs_publicity=True).exists()


@transaction.atomic
def application_township_review(
    *, actor: User, application_id: RecordId, decision: str, reason: str
) -> Application:
    """The 镇街审核: on to 公示 (or straight to the county when nothing needs 公示), or back.

    Raises:
        ApplicationError: an unknown decision, a return without a reason, or no written
            opinion where the county asks for one (``duties``); nothing is saved.
        WorkflowConflict: the application is not at 镇街审核.
    """
    access_application_step(
        actor=actor, application_id=application_id, step=StepKind.TOWNSHIP_REVIEW
    )
    application = application_lock(application_id=application_id)
    expect_step(application, StepKind.TOWNSHIP_REVIEW)
    errors: dict[str, Message] = {}
    if decision not in ReviewDecision.values:
        errors["decision"] = _("请选择审核意见。")
    reason = reason.strip()
    if not reason and opinion_required(application=application):
        errors["reason"] = _("请填写审核意见。")
    elif decision != ReviewDecision.APPROVE and not reason:
        errors["reason"] = _("退回须写明理由。")
    if errors:
        raise ApplicationError(_("审核意见不完整，未保存。"), fields=errors)
    step = open_step(application)
    if decision == ReviewDecision.APPROVE:
        step_complete(step=step, actor=actor, outcome=StepOutcome.APPROVED, note=reason)
        if needs_publicity(application):
            publicity_open(application=application)
        else:
            step_start(application=application, step=StepKind.COUNTY_APPROVAL)
    else:
        step_complete(step=step, actor=actor, outcome=StepOutcome.RETURNED, note=reason)
        back = StepKind.CHECK if decision == ReviewDecision.RETURN_CHECK else StepKind.INVESTIGATION
        step_start(application=application, step=back)
    application.save(
        update_fields=["current_step", "publicity_starts_on", "publicity_ends_on", "updated_at"]
    )
    application_audit(
        actor=actor,
        application=application,
        action=AuditAction.UPDATE,
        step=StepKind.TOWNSHIP_REVIEW,
        changes={"decision": decision, "next_step": application.current_step},
    )
    return application
