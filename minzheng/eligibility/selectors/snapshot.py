"""The registry and the departments' data as a table of cases: what ``run`` and 核对 judge.

Facts come from the integration layer where a department has them:
- monthly income: 人社 月缴费工资 + 月养老金 of each member;
- disability: 残联 grade and category (the most severe certificate);
- 刚性支出: 医保 个人自付 of last year, summed over the household;
- dwellings: 不动产 房产套数 summed; vehicles: 车辆 购置价格, the dearest one;
- financial assets: the banks' answers to a 核对 query (存款 + 理财), summed, known only where
  every member was answered.
No department reports support from relatives or whether an able supporter lives elsewhere, and
the banks answer only for members who authorised a query. A bulk run takes those at 0 / false,
so it is a screening (主动发现, 政策测算), never a decision; the 核对 prefill leaves them
未核对 (``prefill.py``).
"""

import datetime as dt
import uuid
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from minzheng.eligibility.rules.regions import REGIONS
from minzheng.eligibility.rules.table import (
    DISABILITY_KIND_INDEX,
    RESIDENCE_STATUS_INDEX,
    CaseTable,
    HouseholdColumns,
    PersonColumns,
)
from minzheng.integration.enums import Department
from minzheng.integration.selectors.bank_answers import BankHoldings, latest_bank_holdings
from minzheng.integration.selectors.item_rows import ItemRows, latest_item_rows
from minzheng.registry.selectors import current_member_columns

# 残联's category names → the rule set's disability kinds.
DISABILITY_KINDS: dict[str, str] = {
    "视力": "visual",
    "听力": "hearing",
    "言语": "speech",
    "肢体": "physical",
    "智力": "intellectual",
    "精神": "mental",
    "多重": "multiple",
}

_NO_DATE = np.datetime64("NaT", "D")
# Household facts summed (or the dearest taken) over the members' latest records.
_HOUSEHOLD_ITEMS = (
    ("rigid_expenditure_annual", Department.MEDICAL_INSURANCE, "out_of_pocket", "sum"),
    ("dwellings", Department.REAL_ESTATE, "property_count", "sum"),
    ("vehicles", Department.VEHICLES, "purchase_value", "max"),
)


@dataclass(frozen=True)
class FactSource:
    """Where a fact came from: a department and its data date, per row (NaT: no data)."""

    department: Department
    as_of: NDArray[np.datetime64]


@dataclass(frozen=True)
class RegistrySnapshot:
    table: CaseTable
    household_ids: list[uuid.UUID]  # per household row of ``table``
    person_ids: list[uuid.UUID]  # per person row
    relations: list[str]  # per person row
    division_codes: NDArray[np.int64]  # per household row
    # Keyed by fact: "monthly_income", "disability" (per person row); "rigid_expenditure_annual",
    # "dwellings", "vehicles", "financial" (per household row).
    sources: dict[str, FactSource]
    skipped_households: int  # outside the parameters' regions or with a birth date missing


def region_of(division_code: int) -> str | None:
    """The parameter region of a division: its county if listed, else its prefecture."""
    text = str(division_code)
    for candidate in (text[:6], text[:4] + "00"):
        if candidate in REGIONS:
            return candidate
    return None


def registry_snapshot(
    *, as_of: dt.date, household_ids: Collection[uuid.UUID] | None = None
) -> RegistrySnapshot:
    """Every active household (or ``household_ids``) as a case judged on ``as_of``."""
    members = current_member_columns(household_ids=household_ids)
    count = len(members.person_id)
    starts = (
        np.flatnonzero(
            np.r_[
                True,
                [
                    a != b
                    for a, b in zip(
                        members.household_id[1:], members.household_id[:-1], strict=True
                    )
                ],
            ]
        )
        if count
        else np.zeros(0, np.int64)
    )
    household_of_person = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, count]))
    division = members.division_code[starts]
    regions = np.array([region_of(int(code)) or "" for code in division.tolist()], dtype="U6")
    unknown_birth = np.zeros(len(starts), dtype=bool)
    np.logical_or.at(unknown_birth, household_of_person, np.isnat(members.birth_date))
    keep_household = (regions != "") & ~unknown_birth
    person_row = {person: row for row, person in enumerate(members.person_id)}

    income, income_source = _person_sum(
        person_row,
        count,
        [
            latest_item_rows(
                department=Department.SOCIAL_SECURITY,
                key=key,
                as_of=as_of,
                person_ids=_ids(household_ids, members.person_id),
            )
            for key in ("monthly_wage", "monthly_pension")
        ],
    )
    grade, kind, disability_source = _disability(
        person_row, count, as_of, household_ids, members.person_id
    )
    households = len(starts)
    totals = {
        name: _household_total(
            person_row,
            household_of_person,
            households,
            how,
            latest_item_rows(
                department=department,
                key=key,
                as_of=as_of,
                person_ids=_ids(household_ids, members.person_id),
            ),
        )
        for name, department, key, how in _HOUSEHOLD_ITEMS
    }
    financial, financial_source = _financial(
        person_row,
        household_of_person,
        households,
        latest_bank_holdings(as_of=as_of, person_ids=_ids(household_ids, members.person_id)),
    )
    rigid, rigid_source = totals["rigid_expenditure_annual"]
    dwellings, dwellings_source = totals["dwellings"]
    vehicles, vehicles_source = totals["vehicles"]

    household_ids_all = [members.household_id[start] for start in starts.tolist()]
    table = CaseTable(
        HouseholdColumns(
            case_id=np.array([str(h) for h in household_ids_all], dtype=object),
            region=regions,
            as_of=np.full(households, np.datetime64(as_of, "D")),
            support_received_monthly=np.zeros(households),
            financial_assets=financial,
            vehicle_value_max=vehicles,
            dwellings=dwellings.astype(np.int32),
            rigid_expenditure_annual=rigid,
            has_capable_supporter=np.zeros(households, dtype=bool),
            # A bulk run screens: facts no department reports are taken as the caseworker
            # would find them in the best case, and nothing is decided on it.
            financial_assets_unverified=np.zeros(households, dtype=bool),
            support_received_unverified=np.zeros(households, dtype=bool),
            has_capable_supporter_unverified=np.zeros(households, dtype=bool),
        ),
        PersonColumns(
            household_index=household_of_person.astype(np.int64),
            member_id=np.array([str(p) for p in members.person_id], dtype=object),
            birth_date=members.birth_date,
            residence_status=np.full(count, RESIDENCE_STATUS_INDEX["resident"], dtype=np.int16),
            monthly_income=income,
            disability_grade=grade,
            disability_kind=kind,
            serious_illness=np.zeros(count, dtype=bool),
        ),
    )
    kept = np.flatnonzero(keep_household)
    sources = {
        "monthly_income": income_source,
        "disability": disability_source,
        "rigid_expenditure_annual": rigid_source,
        "dwellings": dwellings_source,
        "vehicles": vehicles_source,
        "financial": financial_source,
    }
    person_kept = keep_household[household_of_person]
    return RegistrySnapshot(
        table=table.take(kept) if len(kept) < households else table,
        household_ids=[household_ids_all[i] for i in kept.tolist()],
        person_ids=[p for p, k in zip(members.person_id, person_kept.tolist(), strict=True) if k],
        relations=[r for r, k in zip(members.relation, person_kept.tolist(), strict=True) if k],
        division_codes=division[kept],
        sources={
            name: FactSource(
                source.department, source.as_of[person_kept if name in _PERSON_FACTS else kept]
            )
            for name, source in sources.items()
        },
        skipped_households=int(households - len(kept)),
    )


_PERSON_FACTS = frozenset({"monthly_income", "disability"})


def _ids(
    household_ids: Collection[uuid.UUID] | None, person_ids: list[uuid.UUID]
) -> list[uuid.UUID] | None:
    """Restrict item queries to the members only when a few households were asked for."""
    return None if household_ids is None else person_ids


def _rows_of(
    person_row: dict[uuid.UUID, int], rows: ItemRows
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    index = np.array([person_row.get(p, -1) for p in rows.person_id], dtype=np.int64)
    return index, index >= 0


def _person_sum(
    person_row: dict[uuid.UUID, int], count: int, feeds: list[ItemRows]
) -> tuple[NDArray[np.float64], FactSource]:
    total = np.zeros(count)
    latest = np.full(count, _NO_DATE)
    for rows in feeds:
        index, known = _rows_of(person_row, rows)
        np.add.at(total, index[known], np.nan_to_num(rows.number[known]))
        latest[index[known]] = np.fmax(latest[index[known]], rows.as_of[known])
    return np.round(total, 2), FactSource(Department(feeds[0].department), latest)


def _household_total(
    person_row: dict[uuid.UUID, int],
    household_of_person: NDArray[np.int64],
    households: int,
    how: str,
    rows: ItemRows,
) -> tuple[NDArray[np.float64], FactSource]:
    index, known = _rows_of(person_row, rows)
    target = household_of_person[index[known]]
    values = np.nan_to_num(rows.number[known])
    total = np.zeros(households)
    (np.add if how == "sum" else np.maximum).at(total, target, values)
    latest = np.full(households, _NO_DATE)
    latest[target] = rows.as_of[known]
    return np.round(total, 2), FactSource(Department(rows.department), latest)


def _financial(
    person_row: dict[uuid.UUID, int],
    household_of_person: NDArray[np.int64],
    households: int,
    holdings: BankHoldings,
) -> tuple[NDArray[np.float64], FactSource]:
    """Members' bank holdings summed; dated (known) only where every member was answered.

    The date is the oldest of the members' answers: the household's figure is as old as that.
    """
    index = np.array([person_row.get(p, -1) for p in holdings.person_id], dtype=np.int64)
    known = index >= 0
    target = household_of_person[index[known]]
    total = np.zeros(households)
    np.add.at(total, target, holdings.total[known])
    answered = np.bincount(target, minlength=households)
    members = np.bincount(household_of_person, minlength=households)
    oldest = np.full(households, np.datetime64("9999-12-31", "D"))
    np.minimum.at(oldest, target, holdings.as_of[known])
    complete = (answered == members) & (members > 0)
    return np.round(total, 2), FactSource(Department.BANKS, np.where(complete, oldest, _NO_DATE))


def _disability(
    person_row: dict[uuid.UUID, int],
    count: int,
    as_of: dt.date,
    household_ids: Collection[uuid.UUID] | None,
    person_ids: list[uuid.UUID],
) -> tuple[NDArray[np.int32], NDArray[np.int16], FactSource]:
    """The most severe certificate per person (grade 1 is the most severe)."""
    restrict = _ids(household_ids, person_ids)
    grades = latest_item_rows(
        department=Department.DISABILITY, key="grade", as_of=as_of, person_ids=restrict
    )
    categories = latest_item_rows(
        department=Department.DISABILITY, key="category", as_of=as_of, person_ids=restrict
    )
    grade = np.zeros(count, dtype=np.int32)
    kind = np.full(count, DISABILITY_KIND_INDEX["none"], dtype=np.int16)
    latest = np.full(count, _NO_DATE)
    category_of = dict(zip(categories.person_id, categories.text, strict=True))
    for person, value, day in zip(
        grades.person_id, grades.number.tolist(), grades.as_of.tolist(), strict=True
    ):
        row = person_row.get(person)
        if row is None or not 1 <= value <= 4:
            continue
        if grade[row] == 0 or value < grade[row]:
            grade[row] = int(value)
            kind[row] = DISABILITY_KIND_INDEX[
                DISABILITY_KINDS.get(category_of.get(person, ""), "none")
            ]
            latest[row] = day
    return grade, kind, FactSource(Department.DISABILITY, latest)
