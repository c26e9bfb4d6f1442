"""The facts the 核对报告 works on, detached from the ORM, and how their values read.

Flags and totals are pure functions of these dataclasses, so they are tested without a
database and cannot issue queries of their own.
"""

import calendar
import datetime as dt
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from minzheng_pipeline.identifiers import mask

from minzheng.integration.departments import SPECS
from minzheng.integration.enums import Department, ValueType

# Items whose value embeds the holder's ID number (the second-generation 残疾人证号 is the ID
# followed by category and grade): shown masked, like the ID itself.
SENSITIVE_ITEM_KEYS = frozenset({"certificate_number"})
BLANK = "—"
# A department may key its rows by the holder's ID number (医保 often does).
_ID_IN_TEXT = re.compile(r"\d{17}[\dXx]|\d{15}")


@dataclass(frozen=True)
class ItemValue:
    key: str
    value_type: str
    text: str = ""
    number: Decimal | None = None

    @property
    def is_blank(self) -> bool:
        return self.number is None and not self.text.strip()


@dataclass(frozen=True)
class SourceFacts:
    """One source record: the linkage fields as the department wrote them, and its items."""

    record_id: str
    department: str
    as_of: dt.date
    name: str = ""
    id_number: str = ""
    gender: str = ""
    birth_date: dt.date | None = None
    standard_address_id: uuid.UUID | None = None
    standard_address_text: str = ""
    items: Mapping[str, ItemValue] = field(default_factory=dict)

    def value(self, key: str) -> ItemValue | None:
        item = self.items.get(key)
        return None if item is None or item.is_blank else item

    def number(self, key: str) -> Decimal | None:
        item = self.value(key)
        return None if item is None else item.number


@dataclass(frozen=True)
class MemberFacts:
    """A current member as the registry knows them, with their household's number and address."""

    person_id: uuid.UUID
    name: str
    id_number: str = ""
    gender: str = ""
    birth_date: dt.date | None = None
    household_number: str = ""
    address_id: uuid.UUID | None = None
    address_text: str = ""


def money(amount: Decimal) -> str:
    """¥1,234.56"""
    return f"¥{amount:,.2f}"


def plain_number(amount: Decimal) -> str:
    """A measure such as a floor area: two decimals, thousands separated."""
    return f"{amount:,.2f}"


def format_value(item: ItemValue | None) -> str:
    """An item as the report prints it; blank values print as a dash, never as nothing."""
    if item is None or item.is_blank:
        return BLANK
    if item.number is not None:
        if item.value_type == ValueType.MONEY:
            return money(item.number)
        if item.value_type == ValueType.INTEGER:
            # No thousands separator: integer items include years (2024, not 2,024).
            return str(int(item.number))
        if item.value_type == ValueType.NUMBER:
            return plain_number(item.number)
    text = item.text.strip()
    return mask(text) if item.key in SENSITIVE_ITEM_KEYS else mask_identifiers(text)


def mask_identifiers(text: str) -> str:
    """The text with any ID number in it masked: what a record's own key may show."""
    return _ID_IN_TEXT.sub(lambda found: mask(found.group()), text)


def department_label(code: str) -> str:
    try:
        return str(Department(code).label)
    except ValueError:
        return code


def department_rank(code: str) -> int:
    """Departments in the order of the enum, unknown codes last."""
    values = list(Department.values)
    return values.index(code) if code in values else len(values)


def item_label(department: str, key: str) -> str:
    spec = SPECS.get(Department(department)) if department in Department.values else None
    for item in spec.items if spec else ():
        if item.key == key:
            return str(item.label)
    return key


def newest_records(records: Iterable[SourceFacts]) -> dict[str, list[SourceFacts]]:
    """Per department, the records with its newest ``as_of``: what the department says now."""
    newest: dict[str, dt.date] = {}
    grouped: dict[str, list[SourceFacts]] = defaultdict(list)
    for record in records:
        grouped[record.department].append(record)
        if record.as_of > newest.get(record.department, dt.date.min):
            newest[record.department] = record.as_of
    return {
        department: [r for r in rows if r.as_of == newest[department]]
        for department, rows in grouped.items()
    }


def age_on(birth_date: dt.date | None, today: dt.date) -> int | None:
    if birth_date is None:
        return None
    before_birthday = (today.month, today.day) < (birth_date.month, birth_date.day)
    return today.year - birth_date.year - before_birthday


def months_before(today: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier, or that month's last day when it is shorter."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
