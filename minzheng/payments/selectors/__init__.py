"""What the payment pages and other apps read: batches, lines, ledgers, funds, all scoped."""

import datetime as dt
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from django.db.models import Count, Exists, Model, OuterRef, QuerySet, Sum

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import Actor
from minzheng.core.ids import RecordId
from minzheng.divisions.enums import DivisionLevel
from minzheng.divisions.selectors import division_names, divisions_within
from minzheng.payments.enums import BatchKind, BatchStatus, LineChange, LineStatus
from minzheng.payments.layouts import BankLayout, bank_layouts
from minzheng.payments.models import BankAccount, PaymentBatch, PaymentLine, Recovery
from minzheng.payments.owed import index_month
from minzheng.payments.permissions import access_batch, payment_scope, read_capability
from minzheng.registry.permissions import access_household
from minzheng.registry.selectors import household_current_members

CENT = Decimal("0.01")
PAGE_SIZE = 50


@dataclass(frozen=True)
class Page[T: Model]:
    rows: list[T]
    page: int
    has_next: bool


def _page[T: Model](rows: QuerySet[T], page: int) -> Page[T]:
    """One page of ``PAGE_SIZE`` rows, fetching one more to learn whether another follows."""
    start = (page - 1) * PAGE_SIZE
    found = list(rows[start : start + PAGE_SIZE + 1])
    return Page(found[:PAGE_SIZE], page, has_next=len(found) > PAGE_SIZE)


def batch_page(*, actor: Actor, month: dt.date | None = None, page: int = 1) -> Page[PaymentBatch]:
    """The batches of the actor's jurisdiction, newest month first, a page at a time."""
    low, high = payment_scope(actor=actor, capability=read_capability(actor=actor))
    batches = PaymentBatch.objects.filter(division__code__range=(low, high)).select_related(
        "division", "prepared_by", "checked_by", "approved_by"
    )
    if month is not None:
        batches = batches.filter(month=month)
    return _page(batches.order_by("-month", "-prepared_at", "number"), page)


def batch_list(*, actor: Actor, month: dt.date | None = None) -> list[PaymentBatch]:
    """The first page of ``batch_page`` (a year's worth)."""
    return batch_page(actor=actor, month=month).rows


def townships_of(*, actor: User) -> list[tuple[int, str]]:
    """The 镇街 a batch can be made for, within the actor's jurisdiction."""
    if actor.jurisdiction_id is None:
        return []
    return [
        (division.code, division.name)
        for division in divisions_within(code=actor.jurisdiction_id, level=DivisionLevel.TOWNSHIP)
    ]


@dataclass(frozen=True)
class Stopped:
    household_number: str
    item_name: str
    amount: Decimal


@dataclass(frozen=True)
class BatchDetail:
    batch: PaymentBatch
    changes: list[tuple[str, str, int]]  # (LineChange value, label, lines), in choice order
    lines: list[PaymentLine]
    has_next: bool
    page: int
    stopped: list[Stopped]
    layouts: list[BankLayout]
    may_check: bool
    may_approve: bool


def _stopped(batch: PaymentBatch) -> list[Stopped]:
    """Household items paid last month that this month's regular batch no longer pays."""
    if batch.kind != BatchKind.REGULAR or batch.status == BatchStatus.CANCELLED:
        return []
    low, high = batch.division.code_range()
    previous = index_month(batch.month.year * 12 + batch.month.month - 2)
    here = PaymentLine.objects.filter(
        batch__month=batch.month,
        household_id=OuterRef("household_id"),
        item_id=OuterRef("item_id"),
    ).exclude(batch__status=BatchStatus.CANCELLED)
    rows = (
        PaymentLine.objects.filter(
            month=previous, division_code__range=(low, high), batch__month=previous
        )
        .exclude(status=LineStatus.FAILED)
        .exclude(Exists(here))
        .select_related("household", "item")
        .order_by("division_code", "household_id")[:200]
    )
    return [Stopped(row.household.number, row.item.name, row.gross) for row in rows]


def batch_detail(
    *, actor: Actor, batch_id: RecordId, page: int = 1, change: str = ""
) -> BatchDetail:
    """The batch page: totals, the lines (a page), what changed since last month."""
    capability = read_capability(actor=actor)
    user, batch = access_batch(actor=actor, batch_id=batch_id, capability=capability)
    manages = user.has_capability(Capability.PAYMENT_MANAGE)  # the auditor only reads
    counts = dict(batch.lines.values("change").annotate(n=Count("id")).values_list("change", "n"))
    changes = [
        (value, str(label), counts[value]) for value, label in LineChange.choices if value in counts
    ]
    lines = batch.lines.select_related("household", "item").order_by("sequence")
    if change in LineChange.values:
        lines = lines.filter(change=change)
    page = max(page, 1)
    rows = list(lines[(page - 1) * PAGE_SIZE : page * PAGE_SIZE + 1])
    people = {batch.prepared_by_id, batch.checked_by_id}
    return BatchDetail(
        batch=batch,
        changes=changes,
        lines=rows[:PAGE_SIZE],
        has_next=len(rows) > PAGE_SIZE,
        page=page,
        stopped=_stopped(batch),
        layouts=list(bank_layouts().values()),
        may_check=manages
        and batch.status == BatchStatus.PREPARED
        and user.pk != batch.prepared_by_id,
        may_approve=batch.status == BatchStatus.CHECKED
        and user.has_capability(Capability.PAYMENT_APPROVE)
        and user.pk not in people,
    )


def failure_page(*, actor: Actor, page: int = 1) -> Page[PaymentLine]:
    """失败待重发: failed lines whose month no later line has paid or is paying."""
    low, high = payment_scope(actor=actor, capability=read_capability(actor=actor))
    reissued = PaymentLine.objects.filter(
        schedule_id=OuterRef("schedule_id"), month=OuterRef("month")
    ).exclude(status=LineStatus.FAILED)
    failed = (
        PaymentLine.objects.filter(status=LineStatus.FAILED, division_code__range=(low, high))
        .exclude(Exists(reissued))
        .select_related("batch", "household", "item")
        .order_by("batch__month", "division_code", "sequence")
    )
    return _page(failed, page)


def failure_list(*, actor: Actor) -> list[PaymentLine]:
    """The first page of ``failure_page``."""
    return failure_page(actor=actor).rows


@dataclass(frozen=True)
class HouseholdLedger:
    household_id: uuid.UUID
    household_number: str
    account: BankAccount | None
    past_accounts: list[BankAccount]
    lines: list[PaymentLine]
    recoveries: list[Recovery]
    members: list[tuple[uuid.UUID, str]]


def household_ledger(*, actor: Actor, household_id: RecordId) -> HouseholdLedger:
    """Every payment, failure and recovery of one household, newest first."""
    household = access_household(
        actor=actor, household_id=household_id, capability=read_capability(actor=actor)
    )
    accounts = list(BankAccount.objects.filter(household=household).order_by("-created_at"))
    current = next((a for a in accounts if a.ended_at is None), None)
    return HouseholdLedger(
        household_id=household.pk,
        household_number=household.number,
        account=current,
        past_accounts=[a for a in accounts if a is not current],
        lines=list(
            PaymentLine.objects.filter(household=household)
            .select_related("batch", "item")
            .order_by("-month", "-batch__prepared_at")
        ),
        recoveries=list(Recovery.objects.filter(household=household).select_related("line__item")),
        members=sorted(household_current_members(household_id=household.pk).items(), key=str),
    )


@dataclass(frozen=True)
class FundsTable:
    year: int
    months: list[dt.date]
    # 镇街 name, 事项 name, (month, amount) for each month of the year, the row's total
    rows: list[tuple[str, str, list[tuple[dt.date, Decimal]], Decimal]]
    totals: list[tuple[dt.date, Decimal]]
    total: Decimal


def funds_table(*, actor: Actor, year: int) -> FundsTable:
    """What the bank paid per 镇街, 事项 and month of ``year`` (by the month each line is for)."""
    low, high = payment_scope(actor=actor, capability=read_capability(actor=actor))
    rows = list(
        PaymentLine.objects.filter(
            status=LineStatus.PAID,
            division_code__range=(low, high),
            month__gte=dt.date(year, 1, 1),
            month__lte=dt.date(year, 12, 1),
        )
        .values("division_code", "item__name", "month")
        .annotate(total=Sum("amount"))
        .values_list("division_code", "item__name", "month", "total")
    )
    months = [dt.date(year, m, 1) for m in range(1, 13)]
    frame = pd.DataFrame(rows, columns=["division_code", "item", "month", "total"])
    if frame.empty:
        return FundsTable(year, months, [], [(m, Decimal(0)) for m in months], Decimal(0))
    frame["township"] = frame["division_code"] - frame["division_code"] % 1000
    names = division_names(codes=[int(code) for code in frame["township"].unique()])
    pivot = frame.pivot_table(
        index=["township", "item"], columns="month", values="total", aggfunc="sum"
    )
    table = []
    for (township, item), values in pivot.iterrows():
        cells = [(m, Decimal(values.get(m, 0) or 0).quantize(CENT)) for m in months]
        total = sum((amount for _m, amount in cells), Decimal(0))
        table.append((names.get(int(township), str(township)), str(item), cells, total))
    totals = [(m, sum((row[2][i][1] for row in table), Decimal(0))) for i, m in enumerate(months)]
    return FundsTable(year, months, table, totals, sum((t for _m, t in totals), Decimal(0)))


def paid_by_schedule(*, schedule_ids: Collection[uuid.UUID], year: int) -> dict[uuid.UUID, Decimal]:
    """What the bank has paid per schedule for the months of ``year`` (for the 幸福清单).

    The caller checks access to the household; one query.
    """
    rows = (
        PaymentLine.objects.filter(
            schedule_id__in=list(schedule_ids),
            status=LineStatus.PAID,
            month__gte=dt.date(year, 1, 1),
            month__lte=dt.date(year, 12, 1),
        )
        .values("schedule_id")
        .annotate(total=Sum("amount"))
        .values_list("schedule_id", "total")
    )
    return {schedule_id: Decimal(total).quantize(CENT) for schedule_id, total in rows}


def batch_id_by_number(*, number: str) -> uuid.UUID | None:
    """The batch a command names by its number (FF202701-01) or its id; access is checked by
    the service the command then calls."""
    try:
        return uuid.UUID(number)
    except ValueError:
        return PaymentBatch.objects.filter(number=number).values_list("pk", flat=True).first()
