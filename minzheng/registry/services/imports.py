"""Bulk registration of persons into existing households from a CSV file (批量登记).

All or nothing: every row is checked first, and one bad row means nothing is saved. Errors name
the line and the column in Chinese, the way the clerk sees them in a spreadsheet.
"""

import csv
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import jurisdiction_range
from minzheng.core.exceptions import ApplicationError
from minzheng.core.tabular import decode_text
from minzheng.core.tabular import table_error as _file_error
from minzheng.registry.enums import IdType, Relation
from minzheng.registry.models import Household, Person
from minzheng.registry.services.persons import person_create, person_values_check

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
MAX_REPORTED_ERRORS = 200

# Column headings as clerks write them, and the field each one fills.
COLUMNS = {
    "户号": "household",
    "姓名": "name",
    "证件类型": "id_type",
    "证件号": "id_number",
    "与户主关系": "relation",
    "手机号": "phone",
}
REQUIRED = ("户号", "姓名", "证件号", "与户主关系")
HEADING_OF = {field: heading for heading, field in COLUMNS.items()}


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str


@dataclass(frozen=True)
class ImportSummary:
    imported: int


def _decode(upload: bytes) -> str:
    if len(upload) > MAX_BYTES:
        raise _file_error(_("文件超过 5 MB，请拆分后分批导入。"))
    return decode_text(upload)


def _choice(value: str, choices: type[Relation] | type[IdType]) -> str | None:
    """Accept a code (``child``) or its Chinese label (``子女``)."""
    value = value.strip()
    for code, label in choices.choices:
        if value in {code, str(label)}:
            return str(code)
    return None


def _read_rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    headings = [h.strip() for h in reader.fieldnames or []]
    missing = [h for h in REQUIRED if h not in headings]
    if missing:
        raise _file_error(_("缺少必需的列：%(columns)s。") % {"columns": "、".join(missing)})
    rows = []
    for raw in reader:
        rows.append(
            {
                COLUMNS[k.strip()]: (v or "").strip()
                for k, v in raw.items()
                if k and k.strip() in COLUMNS
            }
        )
        if len(rows) > MAX_ROWS:
            raise _file_error(_("一次最多导入 %(rows)d 行。") % {"rows": MAX_ROWS})
    if not rows:
        raise _file_error(_("文件中没有数据行。"))
    return rows


def _check_row(
    row: dict[str, str], line: int, households: dict[str, Household], seen: dict[str, int]
) -> tuple[list[RowError], dict[str, str]]:
    errors: list[RowError] = []
    if row.get("household", "") not in households:
        errors.append(RowError(line, "户号", _("户号不存在或不在您的管辖范围内。")))
    relation = _choice(row.get("relation", ""), Relation)
    if relation is None:
        errors.append(RowError(line, "与户主关系", _("与户主关系无效。")))
    id_type = _choice(row.get("id_type") or IdType.RESIDENT_ID, IdType)
    values = {
        "name": row.get("name", ""),
        "id_type": id_type or "",
        "id_number": row.get("id_number", ""),
        "phone": row.get("phone", ""),
    }
    try:
        checked = person_values_check(values)
    except ApplicationError as exc:
        errors += [RowError(line, HEADING_OF.get(f, f), str(m)) for f, m in exc.fields.items()]
        return errors, values
    number = str(checked["id_number"])
    if number and number in seen:
        errors.append(
            RowError(line, "证件号", _("与第 %(line)d 行的证件号重复。") % {"line": seen[number]})
        )
    if number:
        seen.setdefault(number, line)
    return errors, values | {"id_number": number, "relation": relation or ""}


def persons_import(*, actor: User, upload: bytes) -> ImportSummary:
    """Register every person in the CSV into their households, or nobody.

    Raises:
        ApplicationError: ``fields`` maps ``"<line>:<column>"`` to the problem, for every
            problem found (up to 200), and nothing has been saved.
    """
    low, high = jurisdiction_range(actor=actor, capability=Capability.REGISTRY_EDIT)
    rows = _read_rows(_decode(upload))
    numbers = {row.get("household", "") for row in rows}
    households = {
        h.number: h
        for h in Household.objects.in_division_range(low, high).filter(number__in=numbers)
    }
    errors: list[RowError] = []
    checked: list[dict[str, str]] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):  # line 1 holds the headings
        row_errors, values = _check_row(row, line, households, seen)
        errors += row_errors
        checked.append(values)
    taken = set(Person.objects.filter(id_number__in=list(seen)).values_list("id_number", flat=True))
    errors += [
        RowError(line, "证件号", _("该证件号已登记在其他人员名下。"))
        for number, line in seen.items()
        if number in taken
    ]
    if errors:
        errors.sort(key=lambda e: e.line)
        raise ApplicationError(
            _("文件中有 %(count)d 处错误，未导入任何数据。") % {"count": len(errors)},
            code="import_invalid",
            fields={f"{e.line}:{e.column}": e.message for e in errors[:MAX_REPORTED_ERRORS]},
        )
    with transaction.atomic():
        for row, values in zip(rows, checked, strict=True):
            person_create(
                actor=actor,
                household_id=households[row["household"]].pk,
                relation=values.pop("relation"),
                values=values,
            )
    return ImportSummary(imported=len(rows))
