"""规则预审: the rules propose items from the confirmed 核对; the worker proposes the rest."""

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.accounts.models import User
from minzheng.cases.enums import ItemKind, ProposalSource, StepKind, StepOutcome
from minzheng.cases.models import Application, ApplicationItem, AssistanceItem
from minzheng.cases.permissions import access_application_step
from minzheng.cases.services.workflow import (
    application_audit,
    application_lock,
    expect_step,
    step_complete,
    step_start,
)
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError, Message
from minzheng.eligibility.enums import Programme
from minzheng.eligibility.services import cases_evaluate, result_explain

# Being found eligible for one of these opens the special assistance items (referrals, fee
# waivers) without a separate test (``docs/domain/eligibility.md``, ``docs/domain/cases.md``).
LINKING_PROGRAMMES = (Programme.DIBAO, Programme.TEKUN, Programme.DIBAO_EDGE)
LINKED_KINDS = (ItemKind.REFERRAL, ItemKind.FEE_WAIVER)
LINKED_REASON = "linked_status"
WORKER_REASON = "worker_proposal"


def _money(value: object) -> Decimal:
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        return Decimal("0.00")


PROPOSAL_FIELDS = [
    "proposal_source",
    "eligible",
    "proposed_amount",
    "reasons",
    "explanation",
    "proposal_note",
    "parameters",
    "rules_version",
    "updated_at",
]


def _save(row: ApplicationItem) -> None:
    """Insert a new proposal, or write only the proposal's fields of an existing one."""
    if row._state.adding:
        row.save()
    else:
        row.save(update_fields=PROPOSAL_FIELDS)


def _unpropose(row: ApplicationItem) -> None:
    row.proposal_source = ""
    row.eligible = None
    row.proposed_amount = None
    row.reasons = []
    row.explanation = []
    row.parameters = {}
    row.rules_version = ""


def _evaluate(application: Application) -> tuple[dict[str, object], dict[str, list[str]]]:
    result = dict(cases_evaluate(cases=[application.case])[0])
    error = result.get("error")
    if error is not None:
        detail = error if isinstance(error, Mapping) else {}
        field = str(detail.get("field", "case"))
        message = str(detail.get("message", ""))
        raise ApplicationError(
            _("规则预审无法判断该户：核对数据“%(field)s”有误(%(message)s)，未保存。")
            % {"field": field, "message": message},
            fields={field: message},
        )
    return result, result_explain(result=result)


def proposal_run(*, application: Application) -> None:
    """Run the rules on the confirmed case and write a proposal per item; inside a transaction.

    Items the rules judge get the rules' answer; referrals and fee waivers follow an eligible
    低保, 特困 or 低边; a proposal the worker made stays. An earlier automatic proposal that no
    longer holds is withdrawn (asked-for items wait for the worker, the others go).
    """
    step = step_start(application=application, step=StepKind.PROPOSAL)
    result, explanations = _evaluate(application)
    judged = result.get("programmes")
    programmes: Mapping[str, Mapping[str, object]] = judged if isinstance(judged, Mapping) else {}
    parameters = result.get("parameters")
    parameters = dict(parameters) if isinstance(parameters, Mapping) else {}
    version = str(result.get("rules_version", ""))
    linked = any(bool(programmes.get(code, {}).get("eligible")) for code in LINKING_PROGRAMMES)
    rows = {row.item_id: row for row in application.items.select_for_update()}
    for item in AssistanceItem.objects.filter(is_active=True):
        row = rows.get(item.pk)
        verdict = programmes.get(item.programme) if item.programme else None
        if verdict is not None:
            eligible = bool(verdict.get("eligible"))
            # 待核对: the programme may hold; it waits, undecided, for the missing facts.
            pending = bool(verdict.get("pending"))
            if row is None and not eligible and not pending:
                continue
            row = row or ApplicationItem(application=application, item=item, requested=False)
            reasons = verdict.get("reasons")
            row.proposal_source = ProposalSource.RULES
            row.eligible = None if pending else eligible
            row.proposed_amount = _money(verdict.get("monthly_amount", 0))
            row.reasons = [str(code) for code in reasons] if isinstance(reasons, list) else []
            row.explanation = list(explanations.get(item.programme, []))
            row.parameters = parameters
            row.rules_version = version
            _save(row)
        elif item.kind in LINKED_KINDS and linked:
            row = row or ApplicationItem(application=application, item=item, requested=False)
            if row.proposal_source == ProposalSource.WORKER:
                continue
            row.proposal_source = ProposalSource.LINKED
            row.eligible = True
            row.proposed_amount = Decimal("0.00")
            row.reasons = [LINKED_REASON]
            row.explanation = [
                _("家庭被认定为低保、特困或低边对象，可享受本项专项救助或费用减免。")
            ]
            row.parameters = parameters
            row.rules_version = version
            _save(row)
        elif row is not None and row.proposal_source in (
            ProposalSource.RULES,
            ProposalSource.LINKED,
        ):
            if row.requested:
                _unpropose(row)
                _save(row)
            else:
                row.delete()
    application.rules_result = result
    application.rules_version = version
    step_complete(step=step, actor=None, outcome=StepOutcome.DONE)


@transaction.atomic
def application_item_propose(
    *,
    actor: User,
    application_id: object,
    item_code: str,
    eligible: bool,
    amount: Decimal | None,
    note: str,
) -> ApplicationItem:
    """The worker's proposal for an item the rules do not judge (临时救助, a referral …).

    Allowed during the 入户调查, by who may do it; the note is the reason the notice cites.
    """
    access_application_step(actor=actor, application_id=application_id, step=StepKind.INVESTIGATION)
    application = application_lock(application_id=application_id)
    expect_step(application, StepKind.INVESTIGATION)
    errors: dict[str, Message] = {}
    item = AssistanceItem.objects.filter(code=item_code, is_active=True).first()
    if item is None:
        errors["item"] = _("救助事项不存在或已停用。")
    elif item.programme:
        errors["item"] = _("该事项由规则预审判断，不能由经办人提出。")
    note = note.strip()
    if not note:
        errors["note"] = _("请写明提出或不提出的理由。")
    one_off = item is not None and item.kind == ItemKind.ONE_OFF
    if one_off and eligible and (amount is None or amount <= 0):
        errors["amount"] = _("请填写拟发放的临时救助金额。")
    if errors or item is None:
        raise ApplicationError(_("事项意见有误，未保存。"), fields=errors)
    row = application.items.filter(item=item).first() or ApplicationItem(
        application=application, item=item, requested=False
    )
    if row.granted_first_at is not None:
        raise ApplicationError(
            _("该事项已先行救助，金额不能再改；由县级审批确认。"), code=ErrorCode.CONFLICT
        )
    row.proposal_source = ProposalSource.WORKER
    row.eligible = eligible
    row.proposed_amount = (
        amount.quantize(Decimal("0.01"))
        if amount is not None and eligible and item.is_cash
        else Decimal("0.00")
    )
    row.reasons = [WORKER_REASON]
    row.explanation = [note]
    row.proposal_note = note
    _save(row)
    application_audit(
        actor=actor,
        application=application,
        action=AuditAction.UPDATE,
        step=StepKind.INVESTIGATION,
        changes={"item": item.code, "eligible": eligible, "amount": str(row.proposed_amount)},
    )
    return row
