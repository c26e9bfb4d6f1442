"""收款账户: the account a household's benefits go to, changed only here, with audit.

The holder must be a current member of the household and the name on the account the
member's registered name: a bank pays by account and name, and a mismatch is the commonest
reason a payment comes back. The audit record keeps the last four digits only.
"""

import uuid

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.clock import now
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError, Message
from minzheng.payments.enums import AccountKind
from minzheng.payments.models import BankAccount
from minzheng.registry.permissions import access_household
from minzheng.registry.selectors import household_current_members

ACCOUNT_TARGET = "payments.account"


def _number(raw: str, errors: dict[str, Message]) -> str:
    number = "".join(raw.split())
    if not number.isdigit() or not 12 <= len(number) <= 30:
        errors["number"] = _("账号应为 12 至 30 位数字。")
    return number


@transaction.atomic
def account_set(
    *,
    actor: User,
    household_id: uuid.UUID,
    person_id: uuid.UUID,
    kind: str,
    bank_name: str,
    number: str,
    holder_name: str,
    reason: str,
) -> BankAccount:
    """Make this the household's account from now on; the current one, if any, is ended.

    Raises:
        NotFound: the household is outside the actor's payment jurisdiction.
        ApplicationError: a field is wrong (keyed by field, nothing written), or another
            change to the same household's account was saved a moment ago (CONFLICT).
    """
    household = access_household(
        actor=actor, household_id=household_id, capability=Capability.PAYMENT_MANAGE
    )
    errors: dict[str, Message] = {}
    members = household_current_members(household_id=household.pk)
    if person_id not in members:
        errors["person"] = _("持卡人应为本户现有成员。")
    elif holder_name.strip() != members[person_id]:
        errors["holder_name"] = _("户名与持卡人登记姓名不一致，银行将无法入账。")
    if kind not in AccountKind.values:
        errors["kind"] = _("请选择账户类型。")
    if not bank_name.strip():
        errors["bank_name"] = _("请填写开户银行。")
    digits = _number(number, errors)
    current = (
        BankAccount.objects.select_for_update()
        .filter(household=household, ended_at__isnull=True)
        .first()
    )
    if current is not None and not reason.strip():
        errors["reason"] = _("变更收款账户须写明原因。")
    if errors:
        raise ApplicationError(_("收款账户未保存。"), fields=errors)
    if current is not None:
        current.ended_at = now()
        current.save(update_fields=["ended_at", "updated_at"])
    try:
        with transaction.atomic():
            account = BankAccount.objects.create(
                household=household,
                person_id=person_id,
                kind=kind,
                bank_name=bank_name.strip(),
                number=digits,
                holder_name=holder_name.strip(),
                change_reason=reason.strip(),
                created_by=actor,
            )
    except IntegrityError:
        raise ApplicationError(
            _("该户的收款账户刚被他人修改，请刷新后重试。"), code=ErrorCode.CONFLICT
        ) from None
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE if current else AuditAction.CREATE,
        target_type=ACCOUNT_TARGET,
        target_id=household.pk,
        division_code=household.division_id,
        changes={
            "kind": kind,
            "last4": [current.number[-4:] if current else "", digits[-4:]],
            "replaced": str(current.pk) if current else "",
        },
    )
    return account
