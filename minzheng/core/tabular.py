"""Reading the tables clerks hand in: CSV (UTF-8 or GBK) and Excel XLSX.

Both come out the same way: a header of stripped strings and rows of strings, with the row
number a spreadsheet would show (the header is row 1). Excel cells that are not text are
turned into the text a clerk would see, except long numbers, which Excel has already rounded:
those are reported, because an ID number stored as a number has lost its last digits.
"""

import csv
import datetime as dt
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO
from zipfile import BadZipFile

from django.utils.translation import gettext as _

from minzheng.core.exceptions import ApplicationError
from minzheng.core.xlsx_cells import fill_merged, sheet_cells

# Excel keeps 15 significant digits: any integer longer than that has been rounded.
_EXCEL_DIGITS = 15


class ExcelRoundedNumber(str):
    """A cell value Excel stored as a rounded number; validators turn it into a row error."""

    __slots__ = ()


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]  # (spreadsheet row number, cells)


def table_error(message: str) -> ApplicationError:
    return ApplicationError(message, code="import_invalid", fields={"file": message})


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK by default
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise table_error(_("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV 文件。"))


def is_xlsx(file_name: str, head: bytes) -> bool:
    return file_name.lower().endswith(".xlsx") or head.startswith(b"PK\x03\x04")


def read_table(handle: IO[bytes], file_name: str) -> Table:
    """Open a CSV or XLSX file; the rows are read lazily, so a large file streams."""
    head = handle.read(4)
    handle.seek(0)
    if is_xlsx(file_name, head):
        return _read_xlsx(handle)
    if file_name.lower().endswith((".xls", ".et")):
        raise table_error(_("不支持旧版 Excel (.xls) 文件，请另存为 .xlsx 或 CSV 后上传。"))
    return _read_csv(decode_text(handle.read()))


def _read_csv(text: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration:
        raise table_error(_("文件是空的。")) from None
    except csv.Error:
        raise table_error(_("无法读取 CSV 文件，请检查文件格式。")) from None
    _check_header(header)

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, cells in enumerate(reader, start=2):
                if any(cell.strip() for cell in cells):
                    yield number, cells
        except csv.Error:
            raise table_error(
                _("CSV 文件第 %(row)d 行格式有误（引号不配对或有非法字符）。")
                % {"row": reader.line_num}
            ) from None

    return Table(header, rows())


def _read_xlsx(handle: IO[bytes]) -> Table:
    from openpyxl import load_workbook  # imported here: only XLSX uploads pay for it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError):
        raise table_error(_("无法读取 Excel 文件，请确认它是 .xlsx 格式且未加密。")) from None
    sheet = workbook.worksheets[0]
    # openpyxl's own path of the sheet in the archive: its streaming reader keeps no more.
    with workbook._archive.open(sheet._worksheet_path) as sheet_xml:
        extras = sheet_cells(sheet_xml)
    if extras.uncomputed:
        workbook.close()
        raise table_error(_uncomputed_message(extras.uncomputed))
    by_row = extras.ranges_by_row()
    anchors: dict[tuple[int, int], object] = {}
    cells = sheet.iter_rows(values_only=True)
    first = next(cells, None)
    if first is None:
        raise table_error(_("文件是空的。"))
    header = [_cell_text(value).strip() for value in fill_merged(1, list(first), by_row, anchors)]
    while header and not header[-1]:
        header.pop()
    _check_header(header, merged=[m.reference for m in extras.merged if m.min_row == 1])

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, values in enumerate(cells, start=2):
                values = fill_merged(number, list(values), by_row, anchors)
                row = [_cell_text(value) for value in values[: len(header)]]
                if any(cell.strip() for cell in row):
                    yield number, row
        finally:
            workbook.close()

    return Table(header, rows())


def _uncomputed_message(cells: list[str]) -> str:
    shown = "、".join(cells[:10]) + ("等" if len(cells) > 10 else "")
    return _(
        "单元格 %(cells)s 是公式，但文件中没有它的计算结果（文件可能由程序生成、未经 Excel 保存）。"
        "请用 Excel 或 WPS 打开并保存后重新上传，或把公式改为数值。"
    ) % {"cells": shown}


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer():
            text = str(int(value))
            return ExcelRoundedNumber(text) if len(text) > _EXCEL_DIGITS else text
        return format(Decimal(repr(value)), "f")
    if isinstance(value, int):
        text = str(value)
        return ExcelRoundedNumber(text) if len(text) > _EXCEL_DIGITS else text
    return str(value)


def _check_header(header: list[str], *, merged: Sequence[str] = ()) -> None:
    """``merged``: the header row's merged ranges, named when one makes a heading repeat."""
    if not any(header):
        raise table_error(_("第 1 行应为表头（列名），但它是空的。"))
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            if merged:
                raise table_error(
                    _(
                        "表头中“%(column)s”列出现了两次：表头有合并单元格 %(cells)s，"
                        "请取消合并，每列一个列名。"
                    )
                    % {"column": name, "cells": "、".join(merged)}
                )
            raise table_error(_("表头中“%(column)s”列出现了两次。") % {"column": name})
        seen.add(name)
