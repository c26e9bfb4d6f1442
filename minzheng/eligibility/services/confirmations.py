"""A county admin confirms a shipped value that was the model's assumption."""

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError, Message, PermissionDenied
from minzheng.eligibility.models import ParameterConfirmation
from minzheng.eligibility.rules import rules
from minzheng.eligibility.rules.changes import PARAMETER_NAMES, parameter_node
from minzheng.eligibility.rules.provenance import is_assumption
from minzheng.eligibility.rules.regions import REGIONS
from minzheng.eligibility.services.parameters import document_errors


def _shipped_assumption(name: str, region: str, start: dt.date) -> Decimal | None:
    """The shipped value of ``name`` in ``region`` from ``start`` if it is an assumption."""
    if name not in PARAMETER_NAMES or region not in REGIONS:
        return None
    node = parameter_node(rules().parameters, name).children[region]
    for value in node.values_list:
        if value.instant_str == start.isoformat() and value.value is not None:
            return Decimal(str(value.value)) if is_assumption(value.metadata) else None
    return None


@transaction.atomic
def parameter_confirm(
    *,
    actor: User,
    name: str,
    region: str,
    start: dt.date,
    label: str,
    document_title: str,
    document_issuer: str,
    document_date: dt.date | None,
    is_demo: bool = False,
) -> ParameterConfirmation:
    """Record the county's document for the shipped value of ``name`` in ``region`` from
    ``start``; from then on decisions may rest on it and explanations cite ``label``.

    Raises:
        PermissionDenied: the actor may not edit parameters.
        ApplicationError: no unconfirmed shipped value there (``start``), a missing or future
            citation field (keyed by field), or a value already confirmed (CONFLICT).
    """
    if not actor.has_capability(Capability.PARAMETER_EDIT):
        raise PermissionDenied
    errors: dict[str, Message] = document_errors(
        label=label, title=document_title, issuer=document_issuer, date=document_date
    )
    value = _shipped_assumption(name, region, start)
    if value is None:
        errors["start"] = _("生效日期：该日期没有待确认的内置取值。")
    if errors or value is None or document_date is None:
        raise ApplicationError(_("参数确认有误，未保存。"), fields=errors)
    try:
        with transaction.atomic():
            confirmed = ParameterConfirmation.objects.create(
                name=name,
                region=region,
                start=start,
                value=value,
                label=label.strip(),
                document_title=document_title.strip(),
                document_issuer=document_issuer.strip(),
                document_date=document_date,
                is_demo=is_demo,
                created_by=actor,
            )
    except IntegrityError:
        raise ApplicationError(_("该取值已经确认。"), code=ErrorCode.CONFLICT) from None
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target_type="eligibility.parameter_confirmation",
        target_id=confirmed.pk,
        changes={
            "name": name,
            "region": region,
            "start": start.isoformat(),
            "value": str(value),
            "document_title": confirmed.document_title,
            "document_issuer": confirmed.document_issuer,
            "document_date": document_date.isoformat(),
            "is_demo": is_demo,
        },
    )
    return confirmed
