"""发放批次: 制单 → 复核 → 审批 → 银行文件 → 回盘对账, each step by its own person.

``batch_prepare`` lists every month the scope's households are owed and have an account for
(this month's, and earlier ones a failed or missed payment left owing), with how each differs
from last month. A second person checks it and a third, with the approval right, approves it;
nobody does two of these on one batch. Only then can the bank file be made, and only the
bank's return file marks a line paid or failed. A failed line stops counting as paid, so its
month is owed again: the next batch, or a supplementary one for the same month, re-issues it
to the corrected account (ADR 0017).
"""

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import require_capability
from minzheng.cases.enums import ItemKind
from minzheng.cases.selectors.schedules import schedules_owing
from minzheng.core.audit import audit_record
from minzheng.core.bulk import Constant, TableLoad, write_table
from minzheng.core.clock import now, today
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError, Message, NotFound, PermissionDenied
from minzheng.core.locks import key_lock
from minzheng.divisions.enums import DivisionLevel
from minzheng.divisions.models import code_range
from minzheng.divisions.selectors import division_get
from minzheng.eligibility.selectors.snapshot import region_of
from minzheng.payments.enums import (
    BatchKind,
    BatchStatus,
    LineChange,
    LineStatus,
    PaymentsErrorCode,
)
from minzheng.payments.models import BankAccount, PaymentBatch, PaymentLine
from minzheng.payments.owed import index_month, owed_months
from minzheng.payments.permissions import access_batch, payment_scope
from minzheng.payments.services.recoveries import offsets_apply, recoveries_detect
from minzheng.payments.settings import payment_rules
from minzheng.registry.selectors import person_identities

logger = logging.getLogger(__name__)
BATCH_TARGET = "payments.batch"
CENT = Decimal("0.01")
OPEN_STATUSES = (BatchStatus.PREPARED, BatchStatus.CHECKED, BatchStatus.APPROVED)


class BatchConflict(ApplicationError):
    status = 409

    def __init__(self, message: Message, *, code: str = ErrorCode.CONFLICT) -> None:
        super().__init__(message, code=code)


def earliest_prepare_day(*, month: dt.date, region: str | None) -> dt.date:
    """The first day a batch of ``month`` may be made: the county's lead days before it."""
    lead = payment_rules(region=region, day=today())["prepare_lead_days"]
    return month - dt.timedelta(days=lead)


def _scope_division(actor: User, division_code: int | None) -> tuple[int, int, int]:
    low, high = payment_scope(actor=actor)
    code = division_code or (actor.jurisdiction_id or 0)
    division = division_get(code)
    if division is None or not low <= code <= high:
        raise NotFound
    if division.level not in (DivisionLevel.COUNTY, DivisionLevel.TOWNSHIP):
        raise ApplicationError(
            _("发放批次按县(市)或镇(街道)制单。"),
            fields={"township": _("请选择县(市)或一个镇(街道)。")},
        )
    scope_low, scope_high = division.code_range()
    return division.code, scope_low, scope_high


def _changes(owed: pd.DataFrame, *, month: dt.date, target: int) -> pd.Series:
    """How each owed month differs from what was sent to the household the month before.

    Last month's lines count whether the bank paid them or not: the list explains the payroll
    against the last one. A month owed again after a failure is a 失败重发; any other earlier
    month of a monthly benefit is a 补发往月; a one-off grant is 一次性发放 in whichever batch.
    """
    previous = pd.DataFrame(
        list(
            PaymentLine.objects.filter(month=index_month(target - 1)).values_list(
                "schedule_id", "household_id", "item_id", "gross"
            )
        ),
        columns=["schedule_id", "household_id", "item_id", "previous"],
    ).drop_duplicates(["schedule_id"])
    # Only the months this batch pays can have failed before: a bounded read, not all history.
    failed = set(
        PaymentLine.objects.filter(
            status=LineStatus.FAILED,
            month__gte=index_month(int(owed["month_index"].min())),
            month__lte=month,
        ).values_list("schedule_id", "month")
    )
    by_schedule = owed.merge(previous[["schedule_id", "previous"]], on="schedule_id", how="left")[
        "previous"
    ]
    by_item = owed.merge(
        previous.drop_duplicates(["household_id", "item_id"])[
            ["household_id", "item_id", "previous"]
        ],
        on=["household_id", "item_id"],
        how="left",
    )["previous"]
    before = by_schedule.where(by_schedule.notna(), by_item)
    change = pd.Series(LineChange.NEW.value, index=owed.index)
    change[before.notna()] = LineChange.CHANGED.value
    change[before.notna() & (before == owed["monthly_amount"])] = LineChange.SAME.value
    change[owed["month_index"] < target] = LineChange.ARREARS.value
    # A one-off grant is one-off whichever batch pays it.
    change[owed["item_kind"] == ItemKind.ONE_OFF] = LineChange.ONE_OFF.value
    reissued = [
        (schedule_id, index_month(index)) in failed
        for schedule_id, index in zip(owed["schedule_id"], owed["month_index"], strict=True)
    ]
    change[pd.Series(reissued, index=owed.index, dtype=bool)] = LineChange.REISSUE.value
    return change


@dataclass(frozen=True)
class Prepared:
    batch: PaymentBatch
    without_account: int  # households owed money that have no account yet


@transaction.atomic
def batch_prepare(*, actor: User, month: dt.date, division_code: int | None = None) -> Prepared:
    """制单: a batch of every month owed to the scope's households that have an account.

    One run at a time per month county-wide (a lock): a run started while another makes the
    month's batch finds its months taken, so only the run that created lines audits them,
    and batch numbers, counted per month, never collide.

    Raises:
        PermissionDenied / NotFound: no payment right, or a scope outside the jurisdiction.
        ApplicationError: too early for ``month`` (``too_early``), nothing owed, or another
            batch took some of these months a moment ago (CONFLICT).
    """
    require_capability(actor=actor, capability=Capability.PAYMENT_MANAGE)
    month = month.replace(day=1)
    code, low, high = _scope_division(actor, division_code)
    key_lock(f"{BATCH_TARGET}.prepare:{month:%Y-%m}")
    opens = earliest_prepare_day(month=month, region=region_of(code))
    if today() < opens:
        raise BatchConflict(
            _("%(month)s 的发放最早可于 %(day)s 制单。")
            % {"month": f"{month:%Y年%-m月}", "day": f"{opens:%Y年%-m月%-d日}"},
            code=PaymentsErrorCode.TOO_EARLY,
        )
    schedules = schedules_owing(low=low, high=high, month=month)
    recoveries_detect(actor=actor, schedules=schedules)
    target = month.year * 12 + month.month - 1
    owed = owed_months(schedules, month=month)
    accounts = pd.DataFrame(
        list(
            BankAccount.objects.filter(ended_at__isnull=True).values_list(
                "household_id", "pk", "person_id", "number", "holder_name"
            )
        ),
        columns=["household_id", "account_id", "person_id", "account_number", "holder_name"],
    )
    owed = owed.merge(accounts, on="household_id", how="left")
    missing = owed["account_id"].isna()
    without_account = int(owed.loc[missing, "household_id"].nunique())
    owed = owed[~missing].reset_index(drop=True)
    if owed.empty:
        raise ApplicationError(
            _("该范围 %(month)s 没有待发放的款项。") % {"month": f"{month:%Y年%-m月}"},
            fields={"month": _("没有待发放的款项。")},
        )
    owed["change"] = _changes(owed, month=month, target=target)
    owed = owed.sort_values(["division_code", "household_id", "item_id", "month_index"])
    identities = person_identities(person_ids=set(owed["person_id"]))
    # Any earlier batch of the month in the county makes this one a 补发 (supplementary).
    earlier = PaymentBatch.objects.filter(
        month=month, division__code__range=code_range(code, DivisionLevel.COUNTY)
    )
    kind = (
        BatchKind.SUPPLEMENTARY
        if earlier.exclude(status=BatchStatus.CANCELLED).exists()
        else BatchKind.REGULAR
    )
    batch = PaymentBatch(
        number=_number(month),
        month=month,
        kind=kind,
        division_id=code,
        status=BatchStatus.PREPARED,
        prepared_by=actor,
        prepared_at=now(),
    )
    count = len(owed)
    try:
        with transaction.atomic():
            batch.save()
            write_table(
                TableLoad(
                    PaymentLine,
                    count,
                    {
                        "batch_id": Constant(batch.pk.hex),
                        "sequence": list(range(1, count + 1)),
                        "schedule_id": [value.hex for value in owed["schedule_id"]],
                        "household_id": [value.hex for value in owed["household_id"]],
                        "division_code": owed["division_code"].astype("int64").tolist(),
                        "item_id": [value.hex for value in owed["item_id"]],
                        "month": [index_month(index).isoformat() for index in owed["month_index"]],
                        "gross": [str(amount) for amount in owed["monthly_amount"]],
                        "offset": Constant("0.00"),
                        "amount": [str(amount) for amount in owed["monthly_amount"]],
                        "change": owed["change"].tolist(),
                        "account_id": [value.hex for value in owed["account_id"]],
                        "account_number": owed["account_number"].tolist(),
                        "holder_name": owed["holder_name"].tolist(),
                        "holder_id_number": [
                            identities[person].id_number for person in owed["person_id"]
                        ],
                        "status": Constant(LineStatus.PENDING.value),
                        "bank_reason": Constant(""),
                        "settled_at": Constant(None),
                    },
                ),
                progress=False,
            )
    except IntegrityError:
        raise BatchConflict(_("其中部分款项刚被另一批次纳入，请刷新后重新制单。")) from None
    offsets_apply(batch=batch, region=region_of(code))
    totals = batch.lines.aggregate(total=Sum("amount"))
    batch.payee_count = count
    batch.total_amount = Decimal(totals["total"] or 0).quantize(CENT)
    batch.save(update_fields=["payee_count", "total_amount", "updated_at"])
    batch_audit(actor, batch, "prepare", without_account=without_account)
    logger.info(
        "payments.batch.prepared",
        extra={"batch": batch.number, "lines": count, "without_account": without_account},
    )
    return Prepared(batch, without_account)


def _number(month: dt.date) -> str:
    """FF202701-03: the month and the batch's place among that month's batches."""
    taken = PaymentBatch.objects.filter(month=month).count()
    return f"FF{month:%Y%m}-{taken + 1:02d}"


def batch_audit(actor: User, batch: PaymentBatch, step: str, **changes: object) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE if step != "prepare" else AuditAction.CREATE,
        target_type=BATCH_TARGET,
        target_id=batch.pk,
        division_code=batch.division_id,
        changes={
            "step": step,
            "number": batch.number,
            "status": batch.status,
            "lines": batch.payee_count,
            "total": str(batch.total_amount),
            **changes,
        },
    )


def batch_lock(actor: User, batch_id: object, capability: Capability) -> PaymentBatch:
    _user, found = access_batch(actor=actor, batch_id=batch_id, capability=capability)
    return PaymentBatch.objects.select_for_update().get(pk=found.pk)


def expect_status(batch: PaymentBatch, *statuses: BatchStatus) -> None:
    if batch.status not in statuses:
        raise BatchConflict(
            _("该批次当前为“%(status)s”，不能办理此步骤。") % {"status": batch.get_status_display()}
        )


def _opinion(note: str) -> str:
    text = note.strip()
    if not text:
        raise ApplicationError(_("请填写意见。"), fields={"note": _("复核和审批须写明意见。")})
    return text


def _not_again(actor: User, *people: int | None) -> None:
    if actor.pk in people:
        raise PermissionDenied(
            _("同一批次的制单、复核、审批须由三个不同的人办理，您已办理过本批次的其他步骤。")
        )


def _cancel(batch: PaymentBatch, reason: str) -> None:
    """A batch sent back: its lines go, so their months are owed to the next batch made."""
    batch.lines.all().delete()
    batch.status = BatchStatus.CANCELLED
    batch.cancel_reason = reason


@transaction.atomic
def batch_check(*, actor: User, batch_id: object, agree: bool, note: str) -> PaymentBatch:
    """复核 by a second person: agree, or send back (the batch is cancelled, to be made again)."""
    batch = batch_lock(actor, batch_id, Capability.PAYMENT_MANAGE)
    expect_status(batch, BatchStatus.PREPARED)
    _not_again(actor, batch.prepared_by_id)
    opinion = _opinion(note)
    batch.checked_by = actor
    batch.checked_at = now()
    batch.check_note = opinion
    if agree:
        batch.status = BatchStatus.CHECKED
    else:
        _cancel(batch, opinion)
    batch.save(
        update_fields=[
            "checked_by",
            "checked_at",
            "check_note",
            "status",
            "cancel_reason",
            "updated_at",
        ]
    )
    batch_audit(actor, batch, "check", agree=agree)
    return batch


@transaction.atomic
def batch_approve(*, actor: User, batch_id: object, agree: bool, note: str) -> PaymentBatch:
    """审批 by a third person holding the approval right: approve, or send back."""
    batch = batch_lock(actor, batch_id, Capability.PAYMENT_APPROVE)
    expect_status(batch, BatchStatus.CHECKED)
    _not_again(actor, batch.prepared_by_id, batch.checked_by_id)
    opinion = _opinion(note)
    batch.approved_by = actor
    batch.approved_at = now()
    batch.approve_note = opinion
    if agree:
        batch.status = BatchStatus.APPROVED
    else:
        _cancel(batch, opinion)
    batch.save(
        update_fields=[
            "approved_by",
            "approved_at",
            "approve_note",
            "status",
            "cancel_reason",
            "updated_at",
        ]
    )
    batch_audit(actor, batch, "approve", agree=agree)
    return batch
