"""What each department holds about the registry's people, drawn from a snapshot. No ORM here.

Each builder picks the rows its department would have (everyone for 公安, owners for 不动产,
household accounts for 电力 …) and draws the department's own columns with numpy. Linkage
columns and noise are added by the writer, the same way for every feed.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from minzheng.demo.generator import AS_OF

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]
DateArray = npt.NDArray[np.datetime64]

LINKAGE_COLUMNS = ("name", "id_number", "gender", "birth_date", "phone", "address")
# Fixed Chinese labels rather than the enum's lazy labels: a feed must not depend on the
# language active when it is written.
RELATION_LABELS = {
    "head": "户主",
    "spouse": "配偶",
    "child": "子女",
    "parent": "父母",
    "grandchild": "孙子女",
    "grandparent": "祖父母",
    "sibling": "兄弟姐妹",
    "child_in_law": "儿媳女婿",
    "other": "其他",
}
FEED_YEAR = AS_OF.year - 1  # medical spending is reported for the last full year

MEDICAL_COVERAGE = 0.95  # share of residents in 医保 (the rest are insured elsewhere)
CATASTROPHIC_SHARE = 0.004  # insured with more than 100,000 yuan out of pocket
CATASTROPHIC_FLOOR = 100_000
DISABILITY_SHARE = 0.06  # 持证残疾人 among all residents
DISABILITY_CATEGORIES = ("视力", "听力", "言语", "肢体", "智力", "精神", "多重")
DISABILITY_CATEGORY_WEIGHTS = (0.12, 0.13, 0.02, 0.48, 0.08, 0.10, 0.07)
DISABILITY_GRADE_WEIGHTS = (0.10, 0.20, 0.30, 0.40)
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # I and O are never used on plates
PLATE_CHARS = PLATE_LETTERS + "0123456789"
NEW_ENERGY_SHARE = 0.18
VEHICLE_TYPES = ("小型轿车", "小型越野客车", "小型普通客车", "轻型普通货车")
VEHICLE_TYPE_WEIGHTS = (0.58, 0.25, 0.11, 0.06)
EXTRA_METER_SHARE = 0.03  # households with a second electricity account (shop, farm pump)
ARREARS_SHARE = 0.04
MINIMUM_WAGE = 2490.0  # 浙江 first-tier monthly minimum wage (2024), the floor of a 在职 wage


@dataclass(frozen=True)
class Registry:
    """Persons and their current households, as columns. Household ``h`` lives at address ``h``."""

    person_id: list[str]  # Person UUIDs as text
    name: list[str]
    id_number: list[str]
    birth_date: DateArray  # NaT when unknown
    is_male: BoolArray
    phone: list[str]
    household: IntArray  # the current household's index, -1 for none
    relation: list[str]  # the current membership's relation value, "" for none
    household_number: list[str]
    household_phone: list[str]
    address_text: list[str]  # "" when the household has no address
    address_township: list[str]
    address_building: list[str]
    address_unit: list[str]
    address_room: list[str]

    @property
    def persons(self) -> int:
        return len(self.person_id)

    def ages(self, as_of: dt.date = AS_OF) -> IntArray:
        """Whole years on ``as_of``; unknown birth dates count as 40, a middle age."""
        known = ~np.isnat(self.birth_date)
        days = (np.datetime64(as_of, "D") - self.birth_date).astype("timedelta64[D]")
        years = np.where(known, days.astype(np.int64) // 365.2425, 40)
        ages: IntArray = years.astype(np.int64)
        return ages


@dataclass(frozen=True)
class Feed:
    """One department's rows: whom each row is about and the department's own columns."""

    source: str  # file stem
    label: str
    record_prefix: str
    person: IntArray  # registry person per row (for electricity, the account holder)
    linkage: tuple[str, ...]  # linkage columns besides record_id, in LINKAGE_COLUMNS order
    columns: dict[str, list[str]]
    household: IntArray | None = None  # address per row; None means the person's household
    phone: list[str] | None = None  # phone per row when it is not the person's own

    def __len__(self) -> int:
        return len(self.person)


def _money(values: FloatArray) -> list[str]:
    return [f"{v:.2f}" for v in values.tolist()]


def _blank_where(values: list[str], blank: BoolArray) -> list[str]:
    return ["" if b else v for v, b in zip(values, blank.tolist(), strict=True)]


def police(registry: Registry, rng: np.random.Generator) -> Feed:
    """公安户籍: every registered resident with the 户号 and relation to the head."""
    del rng  # 户籍 is the registry's own source: nothing to draw
    household = registry.household
    return Feed(
        source="police",
        label="公安户籍",
        record_prefix="GA",
        person=np.arange(registry.persons, dtype=np.int64),
        linkage=LINKAGE_COLUMNS,
        columns={
            "household_number": [
                registry.household_number[h] if h >= 0 else "" for h in household.tolist()
            ],
            "relation": [RELATION_LABELS.get(r, "") for r in registry.relation],
        },
    )


def medical_insurance(registry: Registry, rng: np.random.Generator) -> Feed:
    """医保: last year's total cost and out-of-pocket spending of most residents."""
    age = registry.ages()
    person = np.flatnonzero(rng.random(registry.persons) < MEDICAL_COVERAGE).astype(np.int64)
    age = age[person]
    count = len(person)
    employee = (age >= 18) & (rng.random(count) < np.where(age < 60, 0.55, 0.4))
    spent = rng.random(count) < np.where(age >= 60, 0.95, 0.78)
    total = rng.lognormal(np.log(600.0) + age / 30.0, 1.1, size=count)
    share = np.where(employee, 0.12, 0.25) + rng.beta(2.0, 5.0, size=count) * 0.4
    out_of_pocket = total * share
    # The cases 因病致贫 monitoring looks for: bills in the hundreds of thousands.
    catastrophic = rng.random(count) < CATASTROPHIC_SHARE
    heavy = rng.uniform(CATASTROPHIC_FLOOR + 500, 350_000, size=count)
    out_of_pocket = np.where(catastrophic, heavy, out_of_pocket)
    total = np.where(catastrophic, heavy / rng.uniform(0.35, 0.7, size=count), total)
    total = np.where(spent | catastrophic, total, 0.0)
    out_of_pocket = np.where(spent | catastrophic, np.minimum(out_of_pocket, total), 0.0)
    return Feed(
        source="medical_insurance",
        label="医保",
        record_prefix="YB",
        person=person,
        linkage=("name", "id_number", "gender", "birth_date", "phone"),
        columns={
            "insured_type": ["职工医保" if e else "城乡居民医保" for e in employee.tolist()],
            "year": [str(FEED_YEAR)] * count,
            "total_cost": _money(np.round(total, 2)),
            "out_of_pocket": _money(np.round(out_of_pocket, 2)),
        },
    )


def social_security(registry: Registry, rng: np.random.Generator) -> Feed:
    """人社: employment status of the working-age, pensions of the retired."""
    age = registry.ages()
    person = np.flatnonzero(age >= 16).astype(np.int64)
    age = age[person]
    male = registry.is_male[person]
    count = len(person)
    retired = np.where(male, age >= 60, age >= 55)
    student = (age < 23) & (rng.random(count) < 0.7)
    status_draw = np.searchsorted(np.cumsum([0.60, 0.14, 0.05]), rng.random(count), side="right")
    statuses = ("在职", "灵活就业", "失业", "未就业")
    status = [statuses[s] for s in status_draw.tolist()]
    status = ["在读" if s else v for v, s in zip(status, student.tolist(), strict=True)]
    status = ["退休" if r else v for v, r in zip(status, retired.tolist(), strict=True)]
    scheme = np.searchsorted(np.cumsum([0.55, 0.42]), rng.random(count), side="right")
    pension = np.select(
        [scheme == 0, scheme == 1],
        [
            np.clip(rng.normal(3300.0, 900.0, size=count), 1900.0, 9000.0),
            rng.uniform(220.0, 450.0, size=count),
        ],
        0.0,
    )
    schemes = ("职工养老保险", "城乡居民养老保险", "")
    receives = retired & (scheme < 2)
    # Drawn last so that the columns above keep the values earlier seeds gave them.
    employed = np.array([s == "在职" for s in status])
    flexible = np.array([s == "灵活就业" for s in status])
    wage = np.select(
        [employed, flexible],
        [
            np.clip(rng.lognormal(np.log(6200.0), 0.45, size=count), MINIMUM_WAGE, 60_000.0),
            rng.uniform(1500.0, 4500.0, size=count),
        ],
        0.0,
    )
    return Feed(
        source="social_security",
        label="人社",
        record_prefix="RS",
        person=person,
        linkage=("name", "id_number", "gender", "birth_date", "phone"),
        columns={
            "employment_status": status,
            "pension_type": _blank_where([schemes[s] for s in scheme.tolist()], ~receives),
            "monthly_pension": _blank_where(_money(np.round(pension, 2)), ~receives),
            "monthly_wage": _blank_where(_money(np.round(wage, 2)), ~(employed | flexible)),
        },
    )


def disability(registry: Registry, rng: np.random.Generator) -> Feed:
    """残联: 残疾人证 holders, more of them among the old."""
    age = registry.ages()
    weight = np.select([age < 18, age < 60, age < 80], [0.4, 1.0, 2.6], 4.5)
    holders = min(registry.persons, round(DISABILITY_SHARE * registry.persons))
    person = np.sort(
        rng.choice(registry.persons, size=holders, replace=False, p=weight / weight.sum())
    ).astype(np.int64)
    category = rng.choice(len(DISABILITY_CATEGORIES), size=holders, p=DISABILITY_CATEGORY_WEIGHTS)
    grade = rng.choice(4, size=holders, p=DISABILITY_GRADE_WEIGHTS) + 1
    numbers = [registry.id_number[p] for p in person.tolist()]
    # The second-generation certificate number is the holder's ID, the category and the grade.
    certificate = [
        f"{n}{c + 1}{g}" if n else ""
        for n, c, g in zip(numbers, category.tolist(), grade.tolist(), strict=True)
    ]
    return Feed(
        source="disability",
        label="残联",
        record_prefix="CL",
        person=person,
        linkage=LINKAGE_COLUMNS,
        columns={
            "certificate_number": certificate,
            "category": [DISABILITY_CATEGORIES[c] for c in category.tolist()],
            "grade": [str(g) for g in grade.tolist()],
        },
    )


def real_estate(registry: Registry, rng: np.random.Generator) -> Feed:
    """不动产: owners with their number of properties and total floor area."""
    age = registry.ages()
    head = np.array([r == "head" for r in registry.relation], dtype=np.bool_)
    draw = rng.random(registry.persons)
    owner = np.where(head, draw < 0.88, (age >= 25) & (age <= 75) & (draw < 0.06))
    person = np.flatnonzero(owner).astype(np.int64)
    count = len(person)
    properties = 1 + (rng.random(count) < 0.22) + (rng.random(count) < 0.05)
    areas = np.clip(rng.normal(105.0, 35.0, size=(count, 3)), 35.0, 300.0)
    area = (areas * (np.arange(3) < properties[:, None])).sum(axis=1)
    return Feed(
        source="real_estate",
        label="不动产",
        record_prefix="BDC",
        person=person,
        linkage=("name", "id_number", "phone", "address"),
        columns={
            "property_count": [str(p) for p in properties.tolist()],
            "floor_area": _money(np.round(area, 2)),
        },
    )


def _plates(rng: np.random.Generator, new_energy: BoolArray) -> list[str]:
    """Distinct 浙F plates: letter + letter-or-digit + 3 digits, or D/F + 5 digits if electric."""
    fuel_space = len(PLATE_LETTERS) * len(PLATE_CHARS) * 1000
    electric = int(new_energy.sum())
    fuel = len(new_energy) - electric
    if fuel > fuel_space or electric > 2 * 10**5:
        raise ValueError("too many vehicles for distinct demo plates")
    fuel_numbers = rng.choice(fuel_space, size=fuel, replace=False).tolist()
    electric_numbers = rng.choice(2 * 10**5, size=electric, replace=False).tolist()
    fuel_plates = iter(
        f"浙F{PLATE_LETTERS[n // 34000]}{PLATE_CHARS[n // 1000 % 34]}{n % 1000:03d}"
        for n in fuel_numbers
    )
    electric_plates = iter(f"浙F{'DF'[n // 10**5]}{n % 10**5:05d}" for n in electric_numbers)
    return [next(electric_plates) if e else next(fuel_plates) for e in new_energy.tolist()]


def vehicles(registry: Registry, rng: np.random.Generator) -> Feed:
    """车辆: one row per registered car, with its plate, type and purchase price."""
    age = registry.ages()
    share = np.select([age < 18, age < 25, age <= 60, age <= 75], [0.0, 0.2, 0.42, 0.2], 0.0)
    owner = np.flatnonzero(rng.random(registry.persons) < share).astype(np.int64)
    second = owner[rng.random(len(owner)) < 0.12]
    person = np.sort(np.concatenate([owner, second]), kind="stable")
    count = len(person)
    new_energy = rng.random(count) < NEW_ENERGY_SHARE
    kind = rng.choice(len(VEHICLE_TYPES), size=count, p=VEHICLE_TYPE_WEIGHTS)
    value = np.clip(rng.lognormal(np.log(150_000.0), 0.5, size=count), 30_000, 1_500_000)
    return Feed(
        source="vehicles",
        label="车辆",
        record_prefix="JJ",
        person=person,
        linkage=("name", "id_number", "phone", "address"),
        columns={
            "plate": _plates(rng, new_energy),
            "vehicle_type": [VEHICLE_TYPES[k] for k in kind.tolist()],
            "purchase_value": [str(v) for v in (np.round(value, -2).astype(np.int64)).tolist()],
        },
    )


def _holders(registry: Registry, rng: np.random.Generator) -> tuple[IntArray, IntArray]:
    """Households with members and each one's account holder: the head, or another adult."""
    household = registry.household
    member = np.flatnonzero(household >= 0)
    adult = registry.ages()[member] >= 18
    # Per household: adults first, in random order, so the first row is a random adult.
    order = np.lexsort((rng.random(len(member)), ~adult, household[member]))
    ranked = member[order]
    starts = np.flatnonzero(np.r_[True, household[ranked][1:] != household[ranked][:-1]])
    households = household[ranked[starts]]
    other_adult = ranked[starts]
    head = np.full(len(registry.household_number), -1, dtype=np.int64)
    is_head = np.array([registry.relation[p] == "head" for p in member.tolist()], dtype=np.bool_)
    head[household[member[is_head]]] = member[is_head]
    head_of = head[households]
    holder = np.where((head_of >= 0) & (rng.random(len(households)) >= 0.15), head_of, other_adult)
    return households.astype(np.int64), holder.astype(np.int64)


def electricity(registry: Registry, rng: np.random.Generator) -> Feed:
    """电力: accounts per household, in the holder's name, without any ID number."""
    households, holder = _holders(registry, rng)
    members = np.bincount(
        registry.household[registry.household >= 0], minlength=len(registry.household_number)
    )
    extra = rng.random(len(households)) < EXTRA_METER_SHARE
    rows = np.sort(np.concatenate([np.arange(len(households)), np.flatnonzero(extra)]))
    second = np.r_[False, rows[1:] == rows[:-1]]
    household = households[rows]
    person = holder[rows]
    count = len(rows)
    base = np.where(second, 60.0, 90.0 + 45.0 * members[household])
    kwh = np.round(rng.lognormal(np.log(base), 0.45)).astype(np.int64)
    owes = rng.random(count) < ARREARS_SHARE
    arrears = np.where(owes, rng.uniform(30.0, 2500.0, size=count), 0.0)
    numbers = rng.choice(10**8, size=count, replace=False)
    phone = [
        registry.phone[p] or registry.household_phone[h]
        for p, h in zip(person.tolist(), household.tolist(), strict=True)
    ]
    return Feed(
        source="electricity",
        label="电力",
        record_prefix="DL",
        person=person,
        linkage=("name", "phone", "address"),
        columns={
            "account_number": [f"3304{n:08d}" for n in numbers.tolist()],
            "monthly_kwh": [str(k) for k in kwh.tolist()],
            "arrears": _money(np.round(arrears, 2)),
        },
        household=household,
        phone=phone,
    )


BANKS = ("湖州银行", "中国农业银行", "浙江农商银行", "中国邮政储蓄银行", "中国工商银行")
BANK_ANSWERED_SHARE = 0.55  # households whose members the demo's banks answered for
BUSINESS_SHARE = 0.04  # adults named in a business registration
BUSINESS_ROLES = ("法定代表人", "股东", "经营者")
BUSINESS_KINDS = ("商贸有限公司", "农业专业合作社", "个体工商户", "建材经营部")


def housing_fund(registry: Registry, rng: np.random.Generator) -> Feed:
    """住房公积金: employed adults of working age with their balance and monthly deposit."""
    age = registry.ages()
    person = np.flatnonzero((age >= 22) & (age < 60) & (rng.random(registry.persons) < 0.35))
    count = len(person)
    wage = np.clip(rng.lognormal(np.log(6500.0), 0.4, size=count), MINIMUM_WAGE, 40_000.0)
    contribution = np.round(wage * 0.24, 2)  # 12 % from the employer and 12 % from the wage
    months = rng.integers(6, 240, size=count)
    balance = np.round(contribution * months * rng.uniform(0.2, 0.9, size=count), 2)
    paying = rng.random(count) < 0.9
    return Feed(
        source="housing_fund",
        label="住房公积金",
        record_prefix="GJJ",
        person=person.astype(np.int64),
        linkage=("name", "id_number", "gender", "birth_date", "phone"),
        columns={
            "fund_status": ["正常缴存" if p else "封存" for p in paying.tolist()],
            "fund_balance": _money(balance),
            "monthly_contribution": _money(np.where(paying, contribution, 0.0)),
        },
    )


def tax(registry: Registry, rng: np.random.Generator) -> Feed:
    """税务: last year's 综合所得收入额 of those who had taxable earnings."""
    age = registry.ages()
    person = np.flatnonzero((age >= 18) & (age < 65) & (rng.random(registry.persons) < 0.45))
    count = len(person)
    income = np.clip(rng.lognormal(np.log(72_000.0), 0.6, size=count), 6_000.0, 2_000_000.0)
    return Feed(
        source="tax",
        label="税务",
        record_prefix="SW",
        person=person.astype(np.int64),
        linkage=("name", "id_number", "gender", "birth_date", "phone"),
        columns={
            "tax_year": [str(FEED_YEAR)] * count,
            "taxable_income": _money(np.round(income, 2)),
        },
    )


def market_regulation(registry: Registry, rng: np.random.Generator) -> Feed:
    """市场监管: adults registered as a business's legal representative, shareholder or owner."""
    age = registry.ages()
    draw = rng.random(registry.persons)
    person = np.flatnonzero((age >= 25) & (age <= 70) & (draw < BUSINESS_SHARE)).astype(np.int64)
    count = len(person)
    role = rng.choice(len(BUSINESS_ROLES), size=count, p=(0.45, 0.3, 0.25))
    kind = rng.choice(len(BUSINESS_KINDS), size=count)
    capital = np.round(rng.lognormal(np.log(300_000.0), 1.0, size=count), -3)
    active = rng.random(count) < 0.85
    names = [
        f"湖州{registry.name[p][:1]}氏{BUSINESS_KINDS[k]}"
        for p, k in zip(person.tolist(), kind.tolist(), strict=True)
    ]
    return Feed(
        source="market_regulation",
        label="市场监管",
        record_prefix="SC",
        person=person,
        linkage=("name", "id_number", "phone"),
        columns={
            "business_name": names,
            "business_role": [BUSINESS_ROLES[r] for r in role.tolist()],
            "registered_capital": _money(capital),
            "business_status": ["存续" if a else "注销" for a in active.tolist()],
        },
    )


def banks(registry: Registry, rng: np.random.Generator) -> Feed:
    """银行: the banks' answers to a 核对 query about every member of the households queried.

    Each person queried gets a row per bank holding something, or one row of zeros: "no row"
    means the banks were not asked (未核对), never "no money".
    """
    households = len(registry.household_number)
    answered = rng.random(households) < BANK_ANSWERED_SHARE
    housed = registry.household >= 0
    queried = np.flatnonzero(housed & answered[np.where(housed, registry.household, 0)])
    accounts = rng.choice(4, size=len(queried), p=(0.3, 0.45, 0.2, 0.05))
    rows = np.repeat(queried, np.maximum(accounts, 1)).astype(np.int64)
    count = len(rows)
    holds = np.repeat(accounts > 0, np.maximum(accounts, 1))
    deposit = np.where(holds, np.round(rng.lognormal(np.log(9_000.0), 1.3, size=count), 2), 0.0)
    wealth = np.where(
        holds & (rng.random(count) < 0.12),
        np.round(rng.lognormal(np.log(50_000.0), 0.9, size=count), -2),
        0.0,
    )
    bank = rng.choice(len(BANKS), size=count)
    return Feed(
        source="banks",
        label="银行",
        record_prefix="YH",
        person=rows,
        linkage=("name", "id_number", "gender", "birth_date", "phone"),
        columns={
            "query_batch": [f"HD{AS_OF:%Y%m}01"] * count,
            "bank_name": [BANKS[b] for b in bank.tolist()],
            "deposit_balance": _money(deposit),
            "wealth_balance": _money(wealth),
        },
    )


Builder = Callable[[Registry, np.random.Generator], Feed]
# Stream numbers are part of the output: append new departments, never reorder.
DEPARTMENTS: tuple[Builder, ...] = (
    police,
    medical_insurance,
    social_security,
    disability,
    real_estate,
    vehicles,
    electricity,
    housing_fund,
    tax,
    market_regulation,
    banks,
)
