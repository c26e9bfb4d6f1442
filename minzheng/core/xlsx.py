"""Excel exports, written one way: each column as wide as its longest cell, the header frozen.

Staff open an export to read it; openpyxl's default leaves every column 8.43 characters wide
(a 户号 or a 镇街 name shows as ####) and the header scrolls away with the rows.
"""

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Widths in Excel's character units: a CJK character takes two; capped so a note stays usable.
_MIN_WIDTH, _MAX_WIDTH = 8, 60


@dataclass(frozen=True)
class Sheet:
    title: str
    header: Sequence[object]
    rows: Sequence[Sequence[object]]
    # Column index → Excel number format (e.g. "0.0%" for a share stored as 0.953).
    number_formats: Mapping[int, str] = field(default_factory=dict)


def _width(value: object) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The workbook of ``sheets``, each with its header frozen and its columns fitted."""
    book = Workbook(write_only=True)
    for spec in sheets:
        sheet = book.create_sheet(spec.title)
        lines = [list(spec.header), *[list(row) for row in spec.rows]]
        for index in range(max((len(line) for line in lines), default=0)):
            widest = max(_width(line[index]) for line in lines if index < len(line))
            width = min(max(widest + 2, _MIN_WIDTH), _MAX_WIDTH)
            sheet.column_dimensions[get_column_letter(index + 1)].width = width
        sheet.freeze_panes = "A2"
        sheet.append(lines[0])
        for line in lines[1:]:
            sheet.append(
                [
                    _formatted(sheet, value, spec.number_formats.get(index))
                    for index, value in enumerate(line)
                ]
            )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _formatted(sheet: WriteOnlyWorksheet, value: object, number_format: str | None) -> object:
    if number_format is None or value in (None, ""):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell
