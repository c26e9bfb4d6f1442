"""Checking a feed's rows: each becomes clean values plus its problems, in Chinese.

A row is *invalid*, and never linked or merged, when it cannot be stored faithfully: no record
number, a number that is not a number, a date that is no date, or an ID number the registry's
form would refuse (the same check, ``registry.validation.check_identifier``; ADR 0026). The
import page lists such rows with the reason, for the department to correct. A doubt that does
not make the value wrong (a phone in an odd format, an ID's area code not in the catalogue) is
a *warning*: the row goes on with it.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from minzheng_pipeline.identifiers import IdWarning
from minzheng_pipeline.identifiers import normalise as normalise_id
from minzheng_pipeline.text import gender_code, is_gender

from minzheng.core.tabular import ExcelRoundedNumber
from minzheng.integration.departments import LINKAGE_LABELS, DepartmentSpec, ItemSpec
from minzheng.integration.enums import ValueType
from minzheng.registry.enums import IdType
from minzheng.registry.validation import check_identifier

MAX_RECORD_ID = 64
MAX_TEXT = 255
_MAX_NAME = 64
_LOOSE_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_PHONE_NOISE = re.compile(r"[\s\-()（）]+")
_MONEY_NOISE = re.compile(r"[,，\s¥￥元]")
_LIMIT = Decimal("999999999999.99")


@dataclass
class RowProblem:
    field: str
    message: str
    blocking: bool

    def as_json(self) -> dict[str, object]:
        return {"field": self.field, "message": self.message, "blocking": self.blocking}


@dataclass
class CheckedRow:
    row_number: int
    values: dict[str, str] = field(default_factory=dict)  # linkage fields, normalised
    birth_date: dt.date | None = None
    items: dict[str, str | None] = field(default_factory=dict)  # numbers as decimal strings
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not any(problem.blocking for problem in self.problems)

    def problem(self, name: str, message: str, *, blocking: bool = True) -> None:
        self.problems.append(RowProblem(name, message, blocking))


def check_rows(
    rows: Iterable[tuple[int, list[str]]],
    *,
    header: list[str],
    columns: Mapping[str, str],
    spec: DepartmentSpec,
) -> Iterator[CheckedRow]:
    """Check rows one by one; ``columns`` maps each target field to a header name."""
    position = {target: header.index(name) for target, name in columns.items() if name}
    first_seen: dict[str, int] = {}
    for number, cells in rows:
        row = CheckedRow(number)

        def cell(target: str, cells: list[str] = cells) -> str:
            index = position.get(target)
            return cells[index] if index is not None and index < len(cells) else ""

        _check_linkage(row, cell)
        record_id = row.values["record_id"]
        if record_id:
            earlier = first_seen.setdefault(record_id, number)
            if earlier != number:
                row.problem(
                    "record_id",
                    _("记录编号与第 %(row)d 行重复。") % {"row": earlier},
                )
        for item in spec.items:
            row.items[item.key] = _check_item(row, item, cell(item.key))
        yield row


def _check_linkage(row: CheckedRow, cell: Callable[[str], str]) -> None:
    record_id = cell("record_id").strip()
    if not record_id:
        row.problem("record_id", _("缺少记录编号。"))
    elif len(record_id) > MAX_RECORD_ID:
        row.problem("record_id", _("记录编号不能超过 64 个字符。"))
    row.values["record_id"] = record_id[:MAX_RECORD_ID]

    name = " ".join(cell("name").split())
    if len(name) > _MAX_NAME:
        row.problem("name", _("姓名不能超过 64 个字。"))
    row.values["name"] = name[:_MAX_NAME]

    row.values["id_number"] = _check_id(row, cell("id_number"))

    gender = cell("gender")
    if gender.strip() and not is_gender(gender):
        row.problem("gender", _("性别应为“男”或“女”。"))
    row.values["gender"] = gender_code(gender)

    raw_date = cell("birth_date").strip()
    if raw_date:
        row.birth_date = _parse_date(raw_date)
        if row.birth_date is None:
            row.problem("birth_date", _("出生日期格式不正确，应为 YYYY-MM-DD。"))

    phone = _PHONE_NOISE.sub("", cell("phone")).removeprefix("+86")
    if len(phone) > 20 or (phone and not phone.isdigit()):
        row.problem("phone", _("联系电话只能包含数字，最长 20 位。"), blocking=False)
        phone = ""
    row.values["phone"] = phone

    address = " ".join(cell("address").split())
    if len(address) > MAX_TEXT:
        row.problem("address", _("地址不能超过 255 个字。"))
    row.values["address"] = address[:MAX_TEXT]


def _check_id(row: CheckedRow, raw: str) -> str:
    """The normalised 18-digit number; a number that fails the checks is kept as written."""
    if isinstance(raw, ExcelRoundedNumber):
        row.problem(
            "id_number",
            _("身份证号被 Excel 存成了数字，末几位已丢失；请把该列设为文本后重新导出。"),
        )
        return ""
    if not raw.strip():
        return ""
    errors: dict[str, str] = {}
    checked = check_identifier(IdType.RESIDENT_ID, raw, errors)
    if checked is None:
        row.problem("id_number", errors["id_number"])
        return normalise_id(raw)[:32]
    if IdWarning.UNKNOWN_AREA.value in checked.warnings:
        row.problem("id_number", _("身份证号的区划代码存疑。"), blocking=False)
    return checked.number


def _parse_date(raw: str) -> dt.date | None:
    """2026-09-30, 2026/09/30, 2026.09.30, 20260930 or 2026年9月30日."""
    # date.fromisoformat is C code and takes YYYY-MM-DD and YYYYMMDD: far faster than strptime.
    text = raw
    loose = _LOOSE_DATE.match(raw)
    if loose:
        text = "{}-{:0>2}-{:0>2}".format(*loose.groups())
    if len(text) not in (8, 10):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _check_item(row: CheckedRow, item: ItemSpec, raw: str) -> str | None:
    key, value_type, label = item.key, item.value_type, item.label
    text = raw.strip()
    if not text:
        if item.required:
            row.problem(key, _("缺少%(field)s。") % {"field": label})
        return None
    if value_type == ValueType.DATE:
        day = _parse_date(text)
        if day is None:
            row.problem(
                key,
                _("%(field)s“%(value)s”不是有效的日期，应为 YYYY-MM-DD。")
                % {"field": label, "value": text[:20]},
            )
            return None
        return day.isoformat()
    if value_type == ValueType.TEXT:
        if len(text) > MAX_TEXT:
            row.problem(key, _("%(field)s不能超过 255 个字。") % {"field": label})
        elif item.choices and text not in item.choices:
            row.problem(
                key,
                _("%(field)s“%(value)s”无法识别，应为：%(choices)s。")
                % {"field": label, "value": text[:20], "choices": "、".join(item.choices)},
            )
            return None
        return text[:MAX_TEXT]
    try:
        number = Decimal(_MONEY_NOISE.sub("", text))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) > _LIMIT:
        row.problem(
            key,
            _("%(field)s“%(value)s”不是有效的数字。") % {"field": label, "value": text[:20]},
        )
        return None
    if value_type == ValueType.INTEGER and number != number.to_integral_value():
        row.problem(key, _("%(field)s应为整数。") % {"field": label})
        return None
    if value_type == ValueType.MONEY and number < 0:
        row.problem(key, _("%(field)s不能为负数。") % {"field": label})
        return None
    return str(number.quantize(Decimal("0.01")))


def field_label(name: str, spec: DepartmentSpec) -> str:
    """The Chinese label of a linkage field or an item, for error lists."""
    if name in LINKAGE_LABELS:
        return str(LINKAGE_LABELS[name])
    return str(spec.item(name).label) if any(i.key == name for i in spec.items) else name
