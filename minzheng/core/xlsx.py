"""Writing the tables staff download as Excel: one sheet, a frozen header, sized columns.

Streams through openpyxl's write-only mode, so an export of many thousand rows stays small in
memory. Column widths are in Excel's character units; a Chinese character takes two.
"""

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_MIN_WIDTH = 8


def _text_width(text: str) -> int:
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


def xlsx_table(
    *,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: Sequence[int] = (),
) -> bytes:
    """The workbook's bytes: ``header`` frozen on row 1, then ``rows``.

    A column without a width in ``widths`` is as wide as its header, at least ``_MIN_WIDTH``.
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])  # Excel's limit on a sheet name
    sheet.freeze_panes = "A2"
    for index, name in enumerate(header):
        width = widths[index] if index < len(widths) else _text_width(name) + 2
        sheet.column_dimensions[get_column_letter(index + 1)].width = max(width, _MIN_WIDTH)
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
