"""先行救助: 临时救助 paid at once from the 镇街's reserve, the review following after.

《社会救助暂行办法》 Art. 48 lets a 乡镇/街道 grant small or urgent 临时救助 first. The 镇街 worker
pays up to ``grant_first_max_months`` (``cases/rule_values.yaml``) months of the 低保标准 from
its yearly reserve; the application then goes through 核对, 入户调查, review and county approval
as usual, and the county's decision is recorded against a grant already made (it is not owed
twice). The grant is owed at once as a one-off schedule of this month, which the payment
backbone pays in the township's next batch, like any other money (ADR 0017).
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import jurisdiction_range
from minzheng.cases.enums import ProposalSource, StepKind
from minzheng.cases.models import (
    ApplicationItem,
    PaymentSchedule,
    TownshipReserve,
)
from minzheng.cases.permissions import access_application_step
from minzheng.cases.selectors.reserves import township_of
from minzheng.cases.services.workflow import application_audit, application_lock
from minzheng.cases.steps import SHIPPED
from minzheng.core.audit import audit_record
from minzheng.core.clock import now, today
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError, PermissionDenied
from minzheng.eligibility.services import parameter_in_force

TEMPORARY = "temporary"
CENT = Decimal("0.01")


@transaction.atomic
def temporary_grant_first(
    *, actor: User, application_id: object, amount: Decimal, reason: str
) -> ApplicationItem:
    """Pay the application's 临时救助 now from the township reserve; review follows."""
    access_application_step(
        actor=actor, application_id=application_id, step=StepKind.TOWNSHIP_REVIEW
    )
    application = application_lock(application_id=application_id)
    row = (
        ApplicationItem.objects.select_for_update()
        .select_related("item")
        .filter(application=application, item__code=TEMPORARY)
        .first()
    )
    if application.decided_at is not None or row is None:
        raise ApplicationError(
            _("只有办理中且申请了临时救助的申请才能先行救助。"), code=ErrorCode.CONFLICT
        )
    if row.granted_first_at is not None:
        raise ApplicationError(_("该申请已经先行救助过。"), code=ErrorCode.CONFLICT)
    amount = amount.quantize(CENT)
    reason = reason.strip()
    errors: dict[str, str] = {}
    region = str(
        application.case.get("region") or application.prefill.get("case", {}).get("region", "")
    )
    standard = parameter_in_force(name="dibao.standard", region=region, day=today())
    cap = (standard or Decimal(0)) * SHIPPED.integer("grant_first_max_months")
    if amount <= 0:
        errors["amount"] = _("金额应大于 0。")
    elif amount > cap:
        errors["amount"] = _("先行救助不超过 %(months)s 个月低保标准，即 %(cap)s 元。") % {
            "months": SHIPPED.integer("grant_first_max_months"),
            "cap": cap.quantize(CENT),
        }
    if not reason:
        errors["reason"] = _("请写明先行救助的事由。")
    if errors:
        raise ApplicationError(_("先行救助未保存。"), fields=errors)
    township = township_of(application.division_id)
    updated = TownshipReserve.objects.filter(
        township_id=township, year=today().year, budget__gte=F("spent") + amount
    ).update(spent=F("spent") + amount, updated_at=now())
    if not updated:
        raise ApplicationError(
            _("本镇街今年的临时救助备用金不足或尚未设立，请报县级审批。"),
            code=ErrorCode.CONFLICT,
        )
    row.eligible = True
    row.proposed_amount = amount
    row.proposal_source = ProposalSource.WORKER
    row.proposal_note = reason
    row.granted = True
    row.granted_amount = amount
    row.granted_first_at = now()
    row.save(
        update_fields=[
            "eligible",
            "proposed_amount",
            "proposal_source",
            "proposal_note",
            "granted",
            "granted_amount",
            "granted_first_at",
            "updated_at",
        ]
    )
    month = today().replace(day=1)
    PaymentSchedule.objects.create(
        household_id=application.household_id,
        application_item=row,
        item=row.item,
        monthly_amount=amount,
        start_month=month,
        end_month=month,
    )
    application_audit(
        actor=actor,
        application=application,
        action=AuditAction.UPDATE,
        step="grant_first",
        changes={"item": TEMPORARY, "amount": str(amount)},
    )
    return row


@transaction.atomic
def township_reserve_set(
    *, actor: User, township_code: int, year: int, budget: Decimal
) -> TownshipReserve:
    """Set a 镇街's reserve for a year (county work); never below what it has already paid."""
    low, high = jurisdiction_range(actor=actor, capability=Capability.APPLICATION_APPROVE)
    if not low <= township_code <= high:
        raise PermissionDenied
    reserve, _created = TownshipReserve.objects.select_for_update().get_or_create(
        township_id=township_code, year=year, defaults={"budget": Decimal(0)}
    )
    if budget < reserve.spent:
        raise ApplicationError(
            _("额度不能低于已使用的 %(spent)s 元。") % {"spent": reserve.spent},
            fields={"budget": _("额度过低。")},
        )
    old = reserve.budget
    reserve.budget = budget.quantize(CENT)
    reserve.save(update_fields=["budget", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target_type="cases.township_reserve",
        target_id=reserve.pk,
        division_code=township_code,
        changes={"year": year, "budget": [str(old), str(reserve.budget)]},
    )
    return reserve
