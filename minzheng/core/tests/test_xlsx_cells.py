"""XLSX files as clerks make them: merged cells are read, formulas by their computed value."""

import io
import re
import zipfile

import pytest
from openpyxl import Workbook

from minzheng.core.exceptions import ApplicationError
from minzheng.core.tabular import read_table


def _xlsx(build, *, computed: dict[str, str] | None = None) -> bytes:
    """A workbook built by ``build(sheet)``; ``computed`` gives formula cells a cached value,
    as Excel leaves one when it saves (openpyxl itself never does)."""
    workbook = Workbook()
    build(workbook.active)
    buffer = io.BytesIO()
    workbook.save(buffer)
    if not computed:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                for cell, value in computed.items():
                    text = re.sub(
                        rf'(<c r="{cell}"[^>]*>(?:<f>[^<]*</f>))<v\s*/>',
                        rf"\g<1><v>{value}</v>",
                        text,
                    )
                data = text.encode()
            target.writestr(item, data)
    return out.getvalue()


def _read(data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    table = read_table(io.BytesIO(data), "feed.xlsx")
    return table.header, list(table.rows)


def test_merged_data_cells_give_every_row_of_the_range_its_value():
    def build(sheet):
        sheet.append(["记录编号", "姓名", "户籍地址"])
        sheet.append(["R1", "张建国", "当湖街道松枫社区1幢"])
        sheet.append(["R2", "王秀英", None])
        sheet.append(["R3", "张小明", None])
        sheet.append(["R4", "刘洋", "新仓镇友联村"])
        sheet.merge_cells("C2:C4")  # one household, its address written once

    header, rows = _read(_xlsx(build))

    assert header == ["记录编号", "姓名", "户籍地址"]
    assert [cells[2] for _n, cells in rows] == [
        "当湖街道松枫社区1幢",
        "当湖街道松枫社区1幢",
        "当湖街道松枫社区1幢",
        "新仓镇友联村",
    ]


def test_a_record_number_merged_over_two_rows_is_read_for_both():
    def build(sheet):
        sheet.append(["记录编号", "姓名", "残疾等级"])
        sheet.append(["R1", "张建国", 2])
        sheet.append(["R2", "王秀英", 3])
        sheet.merge_cells("A2:A3")  # a record number written once for two rows

    _header, rows = _read(_xlsx(build))

    assert rows == [(2, ["R1", "张建国", "2"]), (3, ["R1", "王秀英", "3"])]


def test_a_header_merged_across_columns_is_refused_naming_the_cells():
    def build(sheet):
        sheet.append(["记录编号", "姓名", None, "身份证号"])
        sheet.append(["R1", "张", "建国", "330482195804120012"])
        sheet.merge_cells("B1:C1")

    with pytest.raises(ApplicationError) as refused:
        _read(_xlsx(build))
    assert "B1:C1" in str(refused.value.message)
    assert "合并单元格" in str(refused.value.message)


def test_formula_cells_are_read_by_their_computed_value():
    def build(sheet):
        sheet.append(["记录编号", "月缴费工资", "月养老金"])
        sheet.append(["R1", 3000, "=B2*0.5"])

    _header, rows = _read(_xlsx(build, computed={"C2": "1500"}))

    assert rows == [(2, ["R1", "3000", "1500"])]


def test_a_formula_never_computed_is_refused_naming_its_cell():
    def build(sheet):
        sheet.append(["记录编号", "月缴费工资", "月养老金"])
        for number in range(2, 6):
            sheet.append([f"R{number}", 3000, 1500])
        sheet["C5"] = "=B5*0.5"  # written by a program: no value until Excel computes it

    with pytest.raises(ApplicationError) as refused:
        _read(_xlsx(build))
    message = str(refused.value.message)
    assert "C5" in message
    assert "公式" in message
    assert refused.value.fields == {"file": message}
