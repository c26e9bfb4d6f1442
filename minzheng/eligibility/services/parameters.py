"""The county admin's dated parameter values: added, never overwritten.

A value that starts next month or later takes effect when it is entered. A back-dated or
current-month value changes what households are owed now, or for months already paid, so it is
a proposal instead: the proposer's 政策测算 is stored with it, and it takes effect only when a
second county admin approves it (issue 12 §5).
"""

import datetime as dt
import uuid
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.clock import now, today
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError, Message, NotFound, PermissionDenied
from minzheng.core.months import month_after
from minzheng.eligibility.citations import citation
from minzheng.eligibility.models import ParameterChangeProposal, ParameterValue, ProposalStatus
from minzheng.eligibility.rules import rules
from minzheng.eligibility.rules.changes import PARAMETER_NAMES, ParameterChange, parameter_node
from minzheng.eligibility.rules.provenance import ASSUMPTION_LABEL_MARK
from minzheng.eligibility.rules.regions import REGIONS
from minzheng.eligibility.services.evaluation import WHAT_IF_LABEL
from minzheng.eligibility.services.whatif import policy_whatif


@dataclass(frozen=True)
class CitedValue:
    """A value for ``name`` in ``region`` from ``start``, with the document it comes from."""

    name: str
    region: str
    start: dt.date
    value: Decimal
    label: str  # 依据简称, what explanations print after the number
    document_title: str
    document_issuer: str
    document_date: dt.date | None


def needs_second_approver(start: dt.date, *, on: dt.date) -> bool:
    """A value from before next month reaches decisions already made or about to be paid."""
    return start < month_after(on)


def document_errors(
    *, label: str, title: str, issuer: str, date: dt.date | None
) -> dict[str, Message]:
    """The citation's problems by field (shared by a new value and a confirmation)."""
    errors: dict[str, Message] = {}
    if not label.strip():
        errors["label"] = _("请填写依据简称，例如“平湖市 2025 年标准”。")
    elif ASSUMPTION_LABEL_MARK in label:
        # Such a label marks the model's assumptions: the value would stay 未确认.
        errors["label"] = _("依据简称应为文件的简称，不能含“模型”。")
    if not title.strip():
        errors["document_title"] = _("请填写文件名称。")
    if not issuer.strip():
        errors["document_issuer"] = _("请填写发文机关。")
    if date is None:
        errors["document_date"] = _("请填写发文日期。")
    elif date > today():
        errors["document_date"] = _("发文日期不能晚于今天。")
    return errors


def _validate(change: CitedValue) -> None:
    errors: dict[str, Message] = {}
    if change.name not in PARAMETER_NAMES:
        errors["name"] = _("参数：没有这个参数。")
    if change.region not in REGIONS:
        errors["region"] = _("行政区划：没有这个行政区划的参数。")
    if not change.value.is_finite() or change.value < 0:
        errors["value"] = _("取值应为不小于 0 的数字。")
    errors |= document_errors(
        label=change.label,
        title=change.document_title,
        issuer=change.document_issuer,
        date=change.document_date,
    )
    if not errors and change.start.isoformat() in _shipped_dates(change.name, change.region):
        errors["start"] = _("生效日期已有内置取值；新的取值请从另一个生效日期开始。")
    if errors:
        raise ApplicationError(_("参数取值有误，未保存。"), fields=errors)


def _shipped_dates(name: str, region: str) -> set[str]:
    node = parameter_node(rules().parameters, name).children[region]
    return {value.instant_str for value in node.values_list}


def _date_taken() -> ApplicationError:
    return ApplicationError(
        _("该参数在该日期已有取值；历史取值不能改写，请从另一个生效日期开始。"),
        code=ErrorCode.CONFLICT,
        fields={"start": _("生效日期已有取值。")},
    )


def _document_date(change: CitedValue) -> dt.date:
    """The document's date of a validated change (``_validate`` refuses a change without)."""
    if change.document_date is None:
        raise ApplicationError(
            _("参数取值有误，未保存。"), fields={"document_date": _("请填写发文日期。")}
        )
    return change.document_date


def _value_create(change: CitedValue, *, entered_by: User) -> ParameterValue:
    """The dated value row; a value already on that date is a conflict (history stays)."""
    document_date = _document_date(change)
    try:
        with transaction.atomic():
            return ParameterValue.objects.create(
                name=change.name,
                region=change.region,
                start=change.start,
                value=change.value,
                label=change.label.strip(),
                reference=citation(
                    title=change.document_title.strip(),
                    issuer=change.document_issuer.strip(),
                    date=document_date,
                ),
                document_title=change.document_title.strip(),
                document_issuer=change.document_issuer.strip(),
                document_date=document_date,
                created_by=entered_by,
            )
    except IntegrityError:
        raise _date_taken() from None


def _audited(change: CitedValue) -> dict[str, object]:
    facts = asdict(change)
    return {
        key: value.isoformat() if isinstance(value, dt.date) else str(value)
        for key, value in facts.items()
    }


@transaction.atomic
def parameter_change_submit(
    *, actor: User, change: CitedValue
) -> ParameterValue | ParameterChangeProposal:
    """Add ``change`` from next month on; propose it, with its 政策测算, when it starts sooner.

    Raises:
        PermissionDenied: the actor may not edit parameters.
        ApplicationError: a bad field (keyed by field), a date that already has a value
            (CONFLICT), or no bulk run to measure a proposal against; nothing is saved.
    """
    if not actor.has_capability(Capability.PARAMETER_EDIT):
        raise PermissionDenied
    _validate(change)
    if not needs_second_approver(change.start, on=today()):
        added = _value_create(change, entered_by=actor)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target_type="eligibility.parameter_value",
            target_id=added.pk,
            changes=_audited(change),
        )
        return added
    if ParameterValue.objects.filter(
        name=change.name, region=change.region, start=change.start
    ).exists():
        raise _date_taken()
    whatif = policy_whatif(
        actor=actor,
        changes=[
            ParameterChange(
                name=change.name,
                value=change.value,
                label=WHAT_IF_LABEL,
                start=change.start,
                region=change.region,
            )
        ],
    )
    proposal = ParameterChangeProposal.objects.create(
        name=change.name,
        region=change.region,
        start=change.start,
        value=change.value,
        label=change.label.strip(),
        document_title=change.document_title.strip(),
        document_issuer=change.document_issuer.strip(),
        document_date=_document_date(change),
        whatif=whatif,
        proposed_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target_type="eligibility.parameter_proposal",
        target_id=proposal.pk,
        changes={**_audited(change), "whatif": str(whatif.pk)},
    )
    return proposal


def _decidable(*, actor: User, proposal_id: uuid.UUID) -> ParameterChangeProposal:
    """The proposal, locked, if ``actor`` is another county admin and it still waits."""
    if not actor.has_capability(Capability.PARAMETER_EDIT):
        raise PermissionDenied
    proposal = ParameterChangeProposal.objects.select_for_update().filter(pk=proposal_id).first()
    if proposal is None:
        raise NotFound
    if proposal.status != ProposalStatus.PROPOSED:
        raise ApplicationError(
            _("该调整申请的状态为“%(status)s”，不能再次审批。")
            % {"status": proposal.get_status_display()},
            code=ErrorCode.CONFLICT,
        )
    if proposal.proposed_by_id == actor.pk:
        raise ApplicationError(
            _("不能审批自己提出的参数调整，须由另一名县级管理员审批。"),
            code=ErrorCode.PERMISSION_DENIED,
        )
    return proposal


DECISION_FIELDS = ["status", "decided_by", "decided_at", "decision_reason", "updated_at"]


@transaction.atomic
def parameter_change_approve(*, actor: User, proposal_id: uuid.UUID) -> ParameterValue:
    """A second county admin's approval: the proposed value takes effect from its date.

    Raises:
        PermissionDenied: the actor may not edit parameters.
        NotFound: no such proposal.
        ApplicationError: the actor proposed it, it was already decided, or its date got a value
            meanwhile (CONFLICT); nothing is saved.
    """
    proposal = _decidable(actor=actor, proposal_id=proposal_id)
    change = CitedValue(
        name=proposal.name,
        region=proposal.region,
        start=proposal.start,
        value=proposal.value,
        label=proposal.label,
        document_title=proposal.document_title,
        document_issuer=proposal.document_issuer,
        document_date=proposal.document_date,
    )
    added = _value_create(change, entered_by=proposal.proposed_by)
    proposal.status = ProposalStatus.APPROVED
    proposal.decided_by = actor
    proposal.decided_at = now()
    proposal.added_value = added
    proposal.save(update_fields=[*DECISION_FIELDS, "added_value"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target_type="eligibility.parameter_proposal",
        target_id=proposal.pk,
        changes={"status": ProposalStatus.APPROVED.value, "parameter_value": str(added.pk)},
    )
    return added


@transaction.atomic
def parameter_change_reject(
    *, actor: User, proposal_id: uuid.UUID, reason: str
) -> ParameterChangeProposal:
    """A second county admin declines the proposal, with a reason; no value is added.

    Raises:
        PermissionDenied, NotFound, ApplicationError: as ``parameter_change_approve``, and a
            missing reason (``reason``).
    """
    proposal = _decidable(actor=actor, proposal_id=proposal_id)
    reason = reason.strip()
    if not reason:
        raise ApplicationError(
            _("不批准须写明理由。"), fields={"reason": _("审批意见：请写明不批准的理由。")}
        )
    proposal.status = ProposalStatus.REJECTED
    proposal.decided_by = actor
    proposal.decided_at = now()
    proposal.decision_reason = reason
    proposal.save(update_fields=DECISION_FIELDS)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target_type="eligibility.parameter_proposal",
        target_id=proposal.pk,
        changes={"status": ProposalStatus.REJECTED.value, "reason": reason},
    )
    return proposal
