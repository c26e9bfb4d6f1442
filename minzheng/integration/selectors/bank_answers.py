"""The banks' answers to 核对 queries, as each answered person's financial assets."""

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from numpy.typing import NDArray

from minzheng.integration.enums import Department
from minzheng.integration.models import DataItem

_KEYS = ("bank_name", "deposit_balance", "wealth_balance")
_ZERO = Decimal(0)


@dataclass
class _Answer:
    person: uuid.UUID
    as_of: dt.date
    bank: str = ""
    deposit: Decimal = _ZERO
    wealth: Decimal = _ZERO


@dataclass(frozen=True)
class BankHoldings:
    """One row per person the banks answered for: deposits plus wealth products, and the date."""

    person_id: list[uuid.UUID]
    as_of: NDArray[np.datetime64]
    total: NDArray[np.float64]


def latest_bank_holdings(
    *, as_of: dt.date, person_ids: Collection[uuid.UUID] | None = None
) -> BankHoldings:
    """Each person's holdings on the latest answer date on or before ``as_of``.

    A person's answer is the sum over the banks of that date. A bank row sent twice (the
    same bank, person and date under another record number) counts once, with its larger
    figures: counting it twice would invent money, and the 核对报告 shows the duplicate.
    """
    items = DataItem.objects.filter(
        key__in=_KEYS,
        source_record__department=Department.BANKS,
        source_record__as_of__lte=as_of,
    )
    if person_ids is not None:
        items = items.filter(source_record__person_id__in=list(person_ids))
    records: dict[uuid.UUID, _Answer] = {}
    for record, person, day, key, number, text in items.values_list(
        "source_record_id",
        "source_record__person_id",
        "source_record__as_of",
        "key",
        "number",
        "text",
    ).iterator(chunk_size=20_000):
        answer = records.setdefault(record, _Answer(person, day))
        if key == "bank_name":
            answer.bank = text
        elif key == "deposit_balance":
            answer.deposit = number or _ZERO
        else:
            answer.wealth = number or _ZERO
    latest: dict[uuid.UUID, dt.date] = {}
    for answer in records.values():
        latest[answer.person] = max(answer.as_of, latest.get(answer.person, answer.as_of))
    per_bank: dict[tuple[uuid.UUID, str], tuple[Decimal, Decimal]] = {}
    for answer in records.values():
        if answer.as_of != latest[answer.person]:
            continue
        bank = (answer.person, answer.bank)
        deposit, wealth = per_bank.get(bank, (_ZERO, _ZERO))
        per_bank[bank] = (max(deposit, answer.deposit), max(wealth, answer.wealth))
    totals: dict[uuid.UUID, Decimal] = defaultdict(Decimal)
    for (person, _bank), (deposit, wealth) in per_bank.items():
        totals[person] += deposit + wealth
    people = list(totals)
    return BankHoldings(
        person_id=people,
        as_of=np.array([latest[p] for p in people], dtype="datetime64[D]"),
        total=np.array([float(totals[p]) for p in people], dtype=np.float64),
    )
