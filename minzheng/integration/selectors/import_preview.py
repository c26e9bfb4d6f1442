"""A checked row as the preview shows it: Chinese labels, values as a clerk reads them.

Values read as the 核对报告 prints them (``report_values.format_value``): a grade is 2, not
2.00; money is ¥3,350.50; a gender is 男; an ID number, a 残疾人证号 or a bank account is
masked.
"""

from dataclasses import dataclass
from decimal import Decimal

from minzheng_pipeline.identifiers import mask

from minzheng.integration.departments import LINKAGE_LABELS, DepartmentSpec
from minzheng.integration.enums import ValueType
from minzheng.integration.selectors.report_values import ItemValue, format_value
from minzheng.integration.services.feed_rows import CheckedRow
from minzheng.registry.enums import Gender


@dataclass(frozen=True)
class PreviewEntry:
    row: CheckedRow
    id_number: str  # masked
    values: list[tuple[str, str]]  # (label, value as read), the other fields and the items


def preview_entry(row: CheckedRow, spec: DepartmentSpec) -> PreviewEntry:
    values: list[tuple[str, str]] = []
    gender = row.values.get("gender", "")
    if gender in Gender.values:
        values.append((str(LINKAGE_LABELS["gender"]), str(Gender(gender).label)))
    if row.birth_date:
        values.append((str(LINKAGE_LABELS["birth_date"]), row.birth_date.isoformat()))
    if row.values.get("address"):
        values.append((str(LINKAGE_LABELS["address"]), row.values["address"]))
    for item in spec.items:
        value = row.items.get(item.key)
        if value is None:
            continue
        # A bank account is shown as a card shows it, like an ID number.
        shown = (
            mask(value)
            if item.private
            else format_value(_item_value(item.key, item.value_type, value))
        )
        values.append((str(item.label), shown))
    return PreviewEntry(row, mask(row.values.get("id_number", "")), values)


def _item_value(key: str, value_type: str, value: str) -> ItemValue:
    if value_type in (ValueType.TEXT, ValueType.DATE):
        return ItemValue(key, value_type, text=value)
    return ItemValue(key, value_type, number=Decimal(value))
