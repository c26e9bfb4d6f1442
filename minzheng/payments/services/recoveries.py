"""追缴: months paid that a stop found late says were not owed, and how they are recovered.

A benefit stopped back to an earlier month (a death reported late, a review) leaves the months
already paid since then overpaid. ``recoveries_detect`` finds them each time a batch is made
and records one recovery per overpaid line. Where the county allows it (``offset_percent``),
``offsets_apply`` deducts part of the household's later payments; otherwise, or for the rest,
a worker records the money returned or, with the approval right, written off.
"""

import uuid
from collections import defaultdict
from decimal import ROUND_DOWN, Decimal

import pandas as pd
from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import require_capability
from minzheng.core.audit import audit_record
from minzheng.core.clock import today
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError, NotFound
from minzheng.core.ids import record_id
from minzheng.payments.enums import LineStatus, RecoveryStatus
from minzheng.payments.models import PaymentBatch, PaymentLine, Recovery, RecoveryOffset
from minzheng.payments.permissions import payment_scope
from minzheng.payments.settings import payment_rules

RECOVERY_TARGET = "payments.recovery"
CENT = Decimal("0.01")
CHUNK = 2000


def recoveries_detect(*, actor: User, schedules: pd.DataFrame) -> int:
    """Record a recovery for each paid line past its schedule's end; returns how many.

    ``schedules`` are the scope's, as ``cases.selectors.schedules.schedules_owing`` gives them.
    """
    require_capability(actor=actor, capability=Capability.PAYMENT_MANAGE)
    stopped = schedules[schedules["end_month"].notna()]
    found: list[Recovery] = []
    # Overpaid lines are rare: ask per end month for the lines after it, a few rows each.
    for end, group in stopped.groupby("end_month"):
        ids = list(group["schedule_id"])
        for offset in range(0, len(ids), CHUNK):
            rows = PaymentLine.objects.filter(
                schedule_id__in=ids[offset : offset + CHUNK],
                status=LineStatus.PAID,
                month__gt=pd.Timestamp(end).date(),
                recovery__isnull=True,
            ).values_list("pk", "household_id", "amount")
            found += [
                Recovery(line_id=pk, household_id=household, amount=amount)
                for pk, household, amount in rows
            ]
    if found:
        Recovery.objects.bulk_create(found)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target_type=RECOVERY_TARGET,
            target_id=len(found),
            changes={"detected": len(found), "amount": str(sum(r.amount for r in found))},
        )
    return len(found)


def offsets_apply(*, batch: PaymentBatch, region: str | None) -> int:
    """Deduct open recoveries from the batch's lines, at most ``offset_percent`` of each
    household's payments in the batch; inside the caller's transaction. Returns the count."""
    percent = payment_rules(region=region, day=today())["offset_percent"]
    if percent <= 0:
        return 0
    lines = defaultdict(list)
    for line in batch.lines.order_by("sequence"):
        lines[line.household_id].append(line)
    recoveries = (
        Recovery.objects.select_for_update()
        .filter(household_id__in=list(lines), status=RecoveryStatus.OPEN)
        .order_by("created_at")
    )
    offsets: list[RecoveryOffset] = []
    budgets = {
        household: (sum((line.gross for line in rows), Decimal(0)) * percent / 100).quantize(
            CENT, ROUND_DOWN
        )
        for household, rows in lines.items()
    }
    for recovery in recoveries:
        for line in lines[recovery.household_id]:
            take = min(
                recovery.amount - recovery.recovered,
                budgets[recovery.household_id],
                line.amount - CENT,  # a line the bank pays is never zero
            )
            if take <= 0:
                continue
            offsets.append(RecoveryOffset(recovery=recovery, line=line, amount=take))
            line.offset += take
            line.amount -= take
            budgets[recovery.household_id] -= take
            recovery.recovered += take
        if recovery.recovered >= recovery.amount:
            recovery.status = RecoveryStatus.RECOVERED
        recovery.save(update_fields=["recovered", "status", "updated_at"])
    RecoveryOffset.objects.bulk_create(offsets)
    touched = {offset.line.pk: offset.line for offset in offsets}
    PaymentLine.objects.bulk_update(list(touched.values()), ["offset", "amount"])
    return len(offsets)


def offsets_release(*, line_ids: list[int]) -> None:
    """A failed line recovered nothing: its offsets go back on their recoveries."""
    for offset in RecoveryOffset.objects.filter(line_id__in=line_ids).select_related("recovery"):
        recovery = Recovery.objects.select_for_update().get(pk=offset.recovery_id)
        recovery.recovered -= offset.amount
        recovery.status = RecoveryStatus.OPEN
        recovery.save(update_fields=["recovered", "status", "updated_at"])


@transaction.atomic
def recovery_settle(
    *, actor: User, household_id: uuid.UUID, recovery_id: uuid.UUID, status: str, note: str
) -> Recovery:
    """Record a recovery repaid by the family (``recovered``) or written off (``waived``,
    with the approval right); a note says how (receipt number, decision)."""
    capability = (
        Capability.PAYMENT_APPROVE if status == RecoveryStatus.WAIVED else Capability.PAYMENT_MANAGE
    )
    low, high = payment_scope(actor=actor, capability=capability)
    recovery = (
        Recovery.objects.select_for_update()
        .filter(
            pk=record_id(recovery_id),
            household_id=household_id,
            line__division_code__range=(low, high),
        )
        .first()
    )
    if recovery is None:
        raise NotFound
    errors = {}
    if status not in (RecoveryStatus.RECOVERED, RecoveryStatus.WAIVED):
        errors["status"] = _("请选择已追回或核销。")
    if not note.strip():
        errors["note"] = _("请写明追回凭证号或核销依据。")
    if errors:
        raise ApplicationError(_("追缴处理未保存。"), fields=errors)
    if recovery.status != RecoveryStatus.OPEN:
        raise ApplicationError(_("该追缴已处理。"), code=ErrorCode.CONFLICT)
    old = recovery.status
    recovery.status = status
    recovery.note = note.strip()
    if status == RecoveryStatus.RECOVERED:
        recovery.recovered = recovery.amount
    recovery.save(update_fields=["status", "note", "recovered", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target_type=RECOVERY_TARGET,
        target_id=recovery.pk,
        division_code=recovery.line.division_code,
        changes={"status": [old, status], "amount": str(recovery.amount)},
    )
    return recovery
