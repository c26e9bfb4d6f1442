"""公示: seven days in the 村社, objections from anyone, resolved by the 镇街 with reasons.

An open objection holds the application: the publicity does not complete and the county may
not decide until the 镇街 has resolved it (ADR 0010).
"""

import datetime as dt
import logging

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.accounts.models import User
from minzheng.accounts.system import system_user
from minzheng.cases.enums import (
    ApplicationStatus,
    CasesErrorCode,
    ObjectionOutcome,
    ObjectionStatus,
    StepKind,
    StepOutcome,
)
from minzheng.cases.models import Application, ApplicationStep, Objection
from minzheng.cases.permissions import (
    access_objection,
    access_publicity_close,
)
from minzheng.cases.services.decision import application_decide
from minzheng.cases.services.workflow import (
    WorkflowConflict,
    application_audit,
    application_lock,
    expect_step,
    open_step,
    step_complete,
    step_start,
)
from minzheng.cases.steps import PUBLICITY_DAYS
from minzheng.core.audit import audit_record
from minzheng.core.clock import now, today
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError, Message, NotFound
from minzheng.core.ids import RecordId, record_id
from minzheng.core.request_context import client_ip
from minzheng.registry.validation import check_phone

logger = logging.getLogger(__name__)
OBJECTION_TARGET = "cases.objection"
OBJECTION_MAX_CHARS = 1000
# Lodging is anonymous: this many objections per client address per hour, then 429.
OBJECTIONS_PER_HOUR = 5
_RATE_WINDOW_SECONDS = 3600


class RateLimited(ApplicationError):
    status = 429

    def __init__(self) -> None:
        super().__init__(
            _("提交过于频繁，请一小时后再试。如有紧急情况请致电当地镇(街道)。"),
            code=CasesErrorCode.RATE_LIMITED,
        )


def publicity_open(*, application: Application) -> ApplicationStep:
    """Start the 公示 today for 7 calendar days; the caller saves the application."""
    step = step_start(application=application, step=StepKind.PUBLICITY)
    application.publicity_starts_on = today()
    application.publicity_ends_on = today() + dt.timedelta(days=PUBLICITY_DAYS - 1)
    return step


def objections_open(application: Application) -> int:
    return Objection.objects.filter(application=application, status=ObjectionStatus.OPEN).count()


def hold_check(application: Application) -> None:
    """Refuse a decision while an objection is open."""
    if objections_open(application):
        raise WorkflowConflict(
            _("公示期间收到的异议尚未处理，暂不能审批。请镇(街道)先处理异议。"),
            extra={"reason": CasesErrorCode.OBJECTION_OPEN.value},
        )


def _rate_limit() -> None:
    key = f"cases:objection:{client_ip() or 'unknown'}"
    cache.add(key, 0, _RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, _RATE_WINDOW_SECONDS)
        count = 1
    if count > OBJECTIONS_PER_HOUR:
        raise RateLimited


@transaction.atomic
def objection_lodge(
    *, application_id: RecordId, village_code: int, content: str, contact_phone: str = ""
) -> Objection:
    """Anyone's objection to an application under publicity in ``village_code``.

    Raises:
        NotFound: no such application under publicity in that 村社 (or its publicity is over).
        RateLimited: too many objections from this address within the hour.
        ApplicationError: empty or overlong content, a malformed phone number.
    """
    _rate_limit()
    application = (
        Application.objects.select_for_update()
        .filter(
            pk=record_id(application_id),
            division_id=village_code,
            status=ApplicationStatus.IN_PROGRESS,
            current_step=StepKind.PUBLICITY,
            publicity_ends_on__gte=today(),
        )
        .first()
    )
    if application is None:
        raise NotFound
    errors: dict[str, str] = {}
    content = content.strip()
    if not content:
        errors["content"] = _("请填写异议内容。")
    elif len(content) > OBJECTION_MAX_CHARS:
        errors["content"] = _("异议内容不能超过 1000 字。")
    phone = check_phone(contact_phone, errors, field="contact_phone")
    if errors:
        raise ApplicationError(_("异议未提交，请修改后重试。"), fields=errors)
    objection = Objection.objects.create(
        application=application,
        step=open_step(application),
        content=content,
        contact_phone=phone,
        lodged_at=now(),
    )
    audit_record(
        actor=None,
        action=AuditAction.CREATE,
        target_type=OBJECTION_TARGET,
        target_id=objection.pk,
        division_code=application.division_id,
        changes={"step": StepKind.PUBLICITY.value, "application": str(application.pk)},
    )
    return objection


def _publicity_close(*, application: Application, actor: User) -> None:
    step_complete(step=open_step(application), actor=actor, outcome=StepOutcome.DONE)
    step_start(application=application, step=StepKind.COUNTY_APPROVAL)
    application.save(update_fields=["current_step", "updated_at"])
    application_audit(
        actor=actor,
        application=application,
        action=AuditAction.UPDATE,
        step=StepKind.PUBLICITY,
        changes={"next_step": application.current_step},
    )


def publicity_due(application: Application) -> bool:
    """Whether the 7 days of publicity are over."""
    ends = application.publicity_ends_on
    return ends is not None and today() > ends


@transaction.atomic
def publicity_complete(*, actor: User, application_id: RecordId) -> Application:
    """Close a publicity whose 7 days are over with no open objection; the county is next.

    ``actor`` is the publicity's owner or, for the periodic sweep, the system actor. Raises
    PermissionDenied / NotFound for anyone else, WorkflowConflict before the 7 days are over,
    while an objection is open, or when the application is not under publicity.
    """
    access_publicity_close(actor=actor, application_id=application_id)
    application = application_lock(application_id=application_id)
    expect_step(application, StepKind.PUBLICITY)
    if not publicity_due(application):
        raise WorkflowConflict(
            _("公示期至 %(date)s 止，期满后方可结束公示。")
            % {"date": f"{application.publicity_ends_on:%Y-%m-%d}"}
        )
    hold_check(application)
    _publicity_close(application=application, actor=actor)
    return application


def publicity_complete_due() -> int:
    """Close every publicity whose 7 days are over and that holds no open objection."""
    ids = list(
        Application.objects.open()
        .filter(current_step=StepKind.PUBLICITY, publicity_ends_on__lt=today())
        .exclude(objections__status=ObjectionStatus.OPEN)
        .values_list("pk", flat=True)
    )
    system = system_user()
    closed = 0
    for application_id in ids:
        try:
            publicity_complete(actor=system, application_id=application_id)
        except WorkflowConflict:
            continue  # an objection arrived, or a worker acted, since the list was read
        closed += 1
    logger.info("cases.publicity.swept", extra={"due": len(ids), "closed": closed})
    return closed


@transaction.atomic
def objection_resolve(
    *, actor: User, objection_id: RecordId, upheld: bool, outcome: str, reason: str
) -> Objection:
    """The 镇街's written answer to an objection.

    Upheld, the application goes back to 核对 or is refused (``outcome``); dismissed, the hold
    is lifted and, if the 7 days are over and nothing else is open, the publicity closes.

    Raises:
        ApplicationError: no reason, or an upheld objection without an outcome.
        WorkflowConflict: the objection was resolved before; an upheld objection for an
            application no longer under publicity.
    """
    seen = access_objection(actor=actor, objection_id=objection_id)
    application = application_lock(application_id=seen.application_id)
    objection = Objection.objects.select_for_update().get(pk=seen.pk)
    if objection.status != ObjectionStatus.OPEN:
        raise WorkflowConflict(_("该异议已处理，不能重复处理。"))
    errors: dict[str, Message] = {}
    reason = reason.strip()
    if not reason:
        errors["reason"] = _("请写明处理理由。")
    if upheld and outcome not in ObjectionOutcome.values:
        errors["outcome"] = _("异议成立时，请选择退回核对或不予批准。")
    if errors:
        raise ApplicationError(_("异议处理意见不完整，未保存。"), fields=errors)
    if upheld:
        expect_step(application, StepKind.PUBLICITY)
    old = objection.status
    objection.status = ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED
    objection.outcome = outcome if upheld else ""
    objection.resolution_reason = reason
    objection.resolved_by = actor
    objection.resolved_at = now()
    objection.save(
        update_fields=[
            "status",
            "outcome",
            "resolution_reason",
            "resolved_by",
            "resolved_at",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target_type=OBJECTION_TARGET,
        target_id=objection.pk,
        division_code=application.division_id,
        changes={
            "step": StepKind.PUBLICITY.value,
            "status": [str(old), str(objection.status)],
            "outcome": objection.outcome,
        },
    )
    if upheld and outcome == ObjectionOutcome.RETURN_CHECK:
        step_complete(
            step=open_step(application), actor=actor, outcome=StepOutcome.RETURNED, note=reason
        )
        step_start(application=application, step=StepKind.CHECK)
        application.save(update_fields=["current_step", "updated_at"])
        application_audit(
            actor=actor,
            application=application,
            action=AuditAction.UPDATE,
            step=StepKind.PUBLICITY,
            changes={"objection": "upheld", "next_step": application.current_step},
        )
    elif upheld:
        application_decide(application=application, actor=actor, reason=reason)
    elif (
        application.status == ApplicationStatus.IN_PROGRESS
        and application.current_step == StepKind.PUBLICITY
        and publicity_due(application)
        and not objections_open(application)
    ):
        _publicity_close(application=application, actor=actor)
    return objection
