"""县级审批: item by item, an amount only ever lowered and then with a reason; or a refusal."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.accounts.models import User
from minzheng.cases.duties import approver_check, opinion_required
from minzheng.cases.enums import StepKind
from minzheng.cases.models import Application, ApplicationItem
from minzheng.cases.permissions import access_application_step
from minzheng.cases.services.decision import application_decide, locked_items
from minzheng.cases.services.parameter_gate import parameters_confirmed_check
from minzheng.cases.services.publicity import hold_check
from minzheng.cases.services.verification import unverified_fact_errors
from minzheng.cases.services.workflow import application_lock, expect_step
from minzheng.core.exceptions import ApplicationError, Message
from minzheng.core.ids import RecordId

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ItemDecision:
    """The county's decision on one proposed item; ``amount`` None keeps the proposed amount."""

    grant: bool
    amount: Decimal | None = None
    reason: str = ""


def _decide_row(
    row: ApplicationItem, decision: ItemDecision | None, errors: dict[str, Message]
) -> None:
    code = row.item.code
    if not row.eligible:
        row.granted = False
        row.granted_amount = None
        row.decision_reason = _("经审核不符合条件。")
        return
    if decision is None:
        errors[code] = _("请对该事项作出批准或不批准的决定。")
        return
    reason = decision.reason.strip()
    if not decision.grant:
        if not reason:
            errors[code] = _("不予批准须写明理由。")
        row.granted = False
        row.granted_amount = None
        row.decision_reason = reason
        return
    proposed = row.proposed_amount or ZERO
    amount = proposed if decision.amount is None else decision.amount.quantize(Decimal("0.01"))
    if not row.item.is_cash:
        amount = ZERO
    elif amount > proposed:
        errors[code] = _("批准金额不能高于拟发放金额 %(amount)s 元。") % {"amount": proposed}
    elif amount <= 0 < proposed:
        errors[code] = _("批准金额应大于 0；不予发放请选择不批准。")
    elif amount < proposed and not reason:
        errors[code] = _("核减金额须写明理由。")
    row.granted = True
    row.granted_amount = amount
    row.decision_reason = reason


def _decidable(*, actor: User, application_id: RecordId) -> Application:
    access_application_step(
        actor=actor, application_id=application_id, step=StepKind.COUNTY_APPROVAL
    )
    application = application_lock(application_id=application_id)
    # The hold comes first: while an objection is open the answer is "resolve it", whatever
    # step the application has reached.
    hold_check(application)
    expect_step(application, StepKind.COUNTY_APPROVAL)
    approver_check(actor=actor, application=application)
    return application


@transaction.atomic
def application_approve(
    *,
    actor: User,
    application_id: RecordId,
    decisions: Mapping[str, ItemDecision],
    reason: str = "",
) -> Application:
    """Decide each proposed item (keyed by item code); nothing granted means refused.

    Raises:
        WorkflowConflict: an objection is open (``extra.reason`` ``objection_open``), or the
            application is not at 县级审批.
        DutyConflict: the actor took the application or did its 镇街审核 (``duties``).
        ApplicationError: the rules result rests on a parameter the county has not confirmed
            (CONFLICT, ``extra.reason`` ``parameters_unconfirmed``); an item without a decision,
            a raised amount, a lowered amount, a refusal without a reason or an item the rules
            left 待核对 (keyed by item code); no written opinion where the county asks for one
            (``opinion``); nothing is saved.
    """
    application = _decidable(actor=actor, application_id=application_id)
    rows = locked_items(application)
    parameters_confirmed_check(application, rows)
    # 待核对 items first: no decision on them stands until 核对 records the declaration.
    errors = unverified_fact_errors(application=application, rows=rows)
    for row in rows:
        if row.item.code not in errors:
            _decide_row(row, decisions.get(row.item.code), errors)
    if not reason.strip() and opinion_required(application=application):
        errors["opinion"] = _("请填写审批意见。")
    if errors:
        raise ApplicationError(_("审批意见不完整，未保存。"), fields=errors)
    application_decide(application=application, actor=actor, reason=reason.strip(), rows=rows)
    return application


@transaction.atomic
def application_refuse(*, actor: User, application_id: RecordId, reason: str) -> Application:
    """Refuse the whole application with a reason the notice gives the family.

    Raises as ``application_approve`` does; the reason is required whatever the county's
    written-opinion rule says.
    """
    application = _decidable(actor=actor, application_id=application_id)
    reason = reason.strip()
    if not reason:
        raise ApplicationError(
            _("不予批准须写明理由。"), fields={"reason": _("请写明不予批准的理由。")}
        )
    application_decide(application=application, actor=actor, reason=reason)
    return application
