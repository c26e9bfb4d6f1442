"""What every transition shares: the lock, the order check, starting and closing steps, audit."""

import datetime as dt
from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from minzheng.accounts.models import User
from minzheng.cases.duties import OnBehalf
from minzheng.cases.enums import ApplicationStatus, StepKind, StepOutcome
from minzheng.cases.models import Application, ApplicationStep, DailyCounter
from minzheng.cases.permissions import owner_division_code
from minzheng.cases.steps import RULES
from minzheng.core.audit import audit_record
from minzheng.core.clock import now, today
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError, Message, NotFound
from minzheng.core.ids import RecordId, record_id
from minzheng.workdays.selectors import working_days_add

APPLICATION_TARGET = "cases.application"


class WorkflowConflict(ApplicationError):
    """A transition the application's current state does not allow (HTTP 409)."""

    status = 409

    def __init__(self, message: Message, *, extra: Mapping[str, object] | None = None) -> None:
        super().__init__(message, code=ErrorCode.CONFLICT, extra=extra)


def application_lock(*, application_id: RecordId) -> Application:
    """The application row, locked for the rest of the transaction."""
    application = (
        Application.objects.select_for_update().filter(pk=record_id(application_id)).first()
    )
    if application is None:
        raise NotFound
    return application


def expect_step(application: Application, step: StepKind) -> None:
    """Refuse, in Chinese, a transition that does not belong to the current step."""
    if application.status != ApplicationStatus.IN_PROGRESS:
        raise WorkflowConflict(
            _("该申请已办结(%(status)s)，不能再办理“%(step)s”。")
            % {"status": application.get_status_display(), "step": step.label},
            extra={"status": application.status, "step": step.value},
        )
    if application.current_step != step:
        current = StepKind(application.current_step).label if application.current_step else "-"
        raise WorkflowConflict(
            _("该申请当前处于“%(current)s”步骤，不能办理“%(step)s”。")
            % {"current": current, "step": step.label},
            extra={"current_step": application.current_step, "step": step.value},
        )


def due_date(*, step: StepKind, start: dt.date) -> dt.date:
    """The step's time limit counted from ``start``, in working or calendar days."""
    rule = RULES[step]
    if rule.calendar_days or rule.days == 0:
        return start + dt.timedelta(days=rule.days)
    return working_days_add(start=start, days=rule.days)


def step_start(*, application: Application, step: StepKind) -> ApplicationStep:
    """Open ``step`` now, owned by the division its rule names; the caller saves the application."""
    last = application.steps.order_by("-position").values_list("position", flat=True).first()
    row = ApplicationStep.objects.create(
        application=application,
        position=(last or 0) + 1,
        kind=step,
        owner_role=RULES[step].owner_role,
        owner_division_id=owner_division_code(village_code=application.division_id, step=step),
        due_on=due_date(step=step, start=today()),
        started_at=now(),
    )
    application.current_step = step
    return row


def open_step(application: Application) -> ApplicationStep:
    step = (
        ApplicationStep.objects.select_for_update()
        .filter(application=application, completed_at__isnull=True)
        .first()
    )
    if step is None:
        raise WorkflowConflict(_("该申请没有正在办理的步骤。"))
    return step


def step_complete(
    *,
    step: ApplicationStep,
    actor: User,
    outcome: StepOutcome,
    note: str = "",
    on_behalf: OnBehalf | None = None,
) -> None:
    """Close ``step``; ``on_behalf`` says when the actor did a 村社 step for the 村社, and why."""
    step.completed_at = now()
    step.completed_by = actor
    step.outcome = outcome
    step.note = note
    step.on_behalf = on_behalf is not None and on_behalf.division_code is not None
    step.on_behalf_reason = on_behalf.reason if on_behalf is not None else ""
    step.save(
        update_fields=[
            "completed_at",
            "completed_by",
            "outcome",
            "note",
            "on_behalf",
            "on_behalf_reason",
            "updated_at",
        ]
    )


def number_next(*, prefix: str) -> str:
    """The next number of the day for ``prefix``: SQ20261122-0001, SQ20261122-0002 …"""
    return numbers_next(prefix=prefix, count=1)[0]


def numbers_next(*, prefix: str, count: int) -> list[str]:
    """The next ``count`` numbers of the day for ``prefix``, reserved by one counter update."""
    day = today()
    try:
        with transaction.atomic():
            DailyCounter.objects.get_or_create(prefix=prefix, day=day)
    except IntegrityError:
        pass  # created by a concurrent request a moment ago
    DailyCounter.objects.filter(prefix=prefix, day=day).update(value=F("value") + count)
    value = DailyCounter.objects.filter(prefix=prefix, day=day).values_list("value", flat=True)
    last = value.get()
    return [f"{prefix}{day:%Y%m%d}-{n:04d}" for n in range(last - count + 1, last + 1)]


def application_audit(
    *,
    actor: User,
    application: Application,
    action: AuditAction,
    step: StepKind | str,
    changes: Mapping[str, object] | None = None,
) -> None:
    """One audit row per transition: the step and the facts changed, never personal data."""
    audit_record(
        actor=actor,
        action=action,
        target_type=APPLICATION_TARGET,
        target_id=application.pk,
        division_code=application.division_id,
        changes={"step": str(step), **(changes or {})},
    )


def require_text(value: str, field: str, message: Message, errors: dict[str, Message]) -> str:
    text = value.strip()
    if not text:
        errors[field] = message
    return text
