"""收款账户: the account a household's benefits go to, changed only here, with audit.

The holder must be a current member of the household and the name on the account the
member's registered name: a bank pays by account and name, and a mismatch is the commonest
reason a payment comes back. The audit record keeps the last four digits only.
"""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import jurisdiction_range
from minzheng.cases.selectors.caseload import caseload_bank_accounts
from minzheng.core.audit import audit_record
from minzheng.core.clock import now
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError, Message
from minzheng.core.locks import key_lock
from minzheng.payments.enums import AccountKind
from minzheng.payments.models import BankAccount
from minzheng.registry.permissions import access_household
from minzheng.registry.selectors import (
    household_current_members,
    person_identities,
    persons_current_households,
)

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


# The roll writes the account kind as the provincial system does.
ROLL_KINDS = {"社保卡": AccountKind.SOCIAL_SECURITY_CARD, "惠民惠农一卡通": AccountKind.HUIMIN_CARD}


@dataclass(frozen=True)
class RollAccounts:
    created: int
    kept: int  # households that already had an account here: a worker changes those
    refused: int  # the roll's name differs from the holder's registered name, or no household


@transaction.atomic
def accounts_from_roll(*, actor: User, since: dt.datetime | None = None) -> RollAccounts:
    """Take over the accounts the 在册对象 roll names, for households that have none yet.

    The same checks as ``account_set``, in bulk: the holder is a current member and the name on
    the account is the holder's registered name; a row that fails is left for a worker. One
    audit record, with counts only. Runs take turns (a lock on the roll), so a run started
    while another takes the accounts over finds them taken, and counts them as kept.
    """
    low, high = jurisdiction_range(actor=actor, capability=Capability.PAYMENT_MANAGE)
    key_lock(f"{ACCOUNT_TARGET}.roll")
    rows = list(caseload_bank_accounts(since=since))
    households = persons_current_households(person_ids=[row.person_id for row in rows])
    names = person_identities(person_ids=list(households))
    taken = set(
        BankAccount.objects.filter(ended_at__isnull=True).values_list("household_id", flat=True)
    )
    accounts, kept, refused = [], 0, 0
    for row in rows:
        placed = households.get(row.person_id)
        digits = "".join(row.number.split())
        if (
            placed is None
            or not low <= placed[1] <= high
            or names[row.person_id].name != row.holder_name.strip()
            or not digits.isdigit()
            or not 12 <= len(digits) <= 30
        ):
            refused += 1
            continue
        if placed[0] in taken:
            kept += 1
            continue
        taken.add(placed[0])
        accounts.append(
            BankAccount(
                household_id=placed[0],
                person_id=row.person_id,
                kind=ROLL_KINDS.get(row.kind, AccountKind.BANK_ACCOUNT),
                bank_name=row.bank or _("未注明"),
                number=digits,
                holder_name=row.holder_name.strip(),
                change_reason=_("在册名册导入"),
                created_by=actor,
            )
        )
    BankAccount.objects.bulk_create(accounts, batch_size=2000)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target_type=ACCOUNT_TARGET,
        target_id="caseload",
        changes={"created": len(accounts), "kept": kept, "refused": refused},
    )
    return RollAccounts(len(accounts), kept, refused)
