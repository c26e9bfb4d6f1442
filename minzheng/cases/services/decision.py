"""The decision that ends an application: items granted or refused, the notice, the schedules."""

from collections.abc import Sequence

from minzheng.accounts.models import User
from minzheng.cases.enums import ApplicationStatus, StepKind, StepOutcome
from minzheng.cases.models import Application, ApplicationItem
from minzheng.cases.services.schedules import payment_schedules_create
from minzheng.cases.services.workflow import (
    application_audit,
    number_next,
    open_step,
    step_complete,
    step_start,
)
from minzheng.core.clock import now, today
from minzheng.core.enums import AuditAction
from minzheng.core.months import month_after

DECISION_PREFIX = "JD"


def locked_items(application: Application) -> list[ApplicationItem]:
    return list(
        application.items.select_for_update(of=("self",))
        .select_related("item")
        .order_by("item__display_order", "item__code")
    )


def application_decide(
    *,
    application: Application,
    actor: User,
    reason: str,
    rows: Sequence[ApplicationItem] | None = None,
) -> None:
    """Close the open step with the decision; inside the caller's transaction and lock.

    ``rows`` carry the county's per-item decision (``granted``, ``granted_amount``,
    ``decision_reason``); without them every item is refused for ``reason``. The application
    is approved when at least one item is granted, else refused. The decision notice is issued
    at once (its PDF is printed on demand) and granted cash items get payment schedules:
    monthly items from the month after the decision, one-off items in the decision's month.
    """
    if rows is None:
        rows = locked_items(application)
        for row in rows:
            row.granted = False
            row.granted_amount = None
            row.decision_reason = reason
    for row in rows:
        row.save(update_fields=["granted", "granted_amount", "decision_reason", "updated_at"])
    approved = any(row.granted for row in rows)
    outcome = StepOutcome.APPROVED if approved else StepOutcome.REFUSED
    deciding = open_step(application)
    step_complete(step=deciding, actor=actor, outcome=outcome, note=reason)
    old = application.status
    application.status = ApplicationStatus.APPROVED if approved else ApplicationStatus.REFUSED
    application.decided_at = now()
    application.decided_by = actor
    application.decision_reason = reason
    application.decision_number = number_next(prefix=DECISION_PREFIX)
    application.start_month = month_after(today()) if approved else None
    notice = step_start(application=application, step=StepKind.DECISION_NOTICE)
    step_complete(step=notice, actor=actor, outcome=outcome)
    # A 先行救助 was granted (and is owed) already; the county's decision does not owe it again.
    # Nothing is paid here: the schedules are what the payment backbone's batches pay.
    cash = [
        row
        for row in rows
        if row.granted
        and row.item.is_cash
        and (row.granted_amount or 0) > 0
        and row.granted_first_at is None
    ]
    if cash and application.start_month is not None:
        payment_schedules_create(application=application, rows=cash, decided_on=today())
    application.current_step = ""
    application.save(
        update_fields=[
            "status",
            "decided_at",
            "decided_by",
            "decision_reason",
            "decision_number",
            "start_month",
            "current_step",
            "updated_at",
        ]
    )
    application_audit(
        actor=actor,
        application=application,
        action=AuditAction.UPDATE,
        step=deciding.kind,
        changes={
            "status": [str(old), str(application.status)],
            "decision_number": application.decision_number,
            "granted": {row.item.code: str(row.granted_amount) for row in rows if row.granted},
        },
    )
