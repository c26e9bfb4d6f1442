"""What openpyxl's streaming reader does not tell: merged ranges and uncomputed formulas.

The reader that keeps a large workbook out of memory (``read_only``) gives a merged range's
value in its top-left cell only and a formula's last computed value, or nothing when the file
was never computed (a file written by a program, not saved by Excel or WPS). Both lost data
silently; this module reads the sheet's XML once more, element by element, to find them.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import IO

from openpyxl.utils.cell import range_boundaries

# The parser openpyxl reads the same sheet with (defusedxml when installed): no new exposure.
from openpyxl.xml.functions import iterparse

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@dataclass(frozen=True)
class MergedRange:
    reference: str  # "B3:B5", as Excel names it
    min_col: int
    min_row: int
    max_col: int
    max_row: int


@dataclass
class SheetCells:
    merged: list[MergedRange] = field(default_factory=list)
    uncomputed: list[str] = field(default_factory=list)  # formula cells without a value: "C5"

    def ranges_by_row(self) -> dict[int, list[MergedRange]]:
        """Each spreadsheet row's merged ranges other than the ones it starts."""
        rows: dict[int, list[MergedRange]] = defaultdict(list)
        for merged in self.merged:
            for row in range(merged.min_row, merged.max_row + 1):
                rows[row].append(merged)
        return rows


def sheet_cells(sheet_xml: IO[bytes]) -> SheetCells:
    """The merged ranges and the uncomputed formula cells of one worksheet's XML."""
    found = SheetCells()
    for _event, element in iterparse(sheet_xml, events=("end",)):
        if element.tag == f"{_MAIN}c":
            formula = element.find(f"{_MAIN}f")
            value = element.find(f"{_MAIN}v")
            if formula is not None and (value is None or not (value.text or "").strip()):
                found.uncomputed.append(element.get("r", ""))
            element.clear()
        elif element.tag == f"{_MAIN}row":
            element.clear()
        elif element.tag == f"{_MAIN}mergeCell":
            reference = element.get("ref", "")
            min_col, min_row, max_col, max_row = range_boundaries(reference)
            if None not in (min_col, min_row, max_col, max_row):
                found.merged.append(MergedRange(reference, min_col, min_row, max_col, max_row))
    return found


def fill_merged(
    row_number: int,
    values: list[object],
    by_row: dict[int, list[MergedRange]],
    anchors: dict[tuple[int, int], object],
) -> list[object]:
    """A row's values with each merged range's top-left value copied into its other cells.

    ``anchors`` collects the top-left values as rows go by; a range's top-left cell is in its
    first row, so it is always seen before the cells it fills.
    """
    ranges = by_row.get(row_number)
    if not ranges:
        return values
    filled = list(values)
    for merged in ranges:
        if merged.min_row == row_number:
            index = merged.min_col - 1
            anchors[(merged.min_row, merged.min_col)] = (
                filled[index] if index < len(filled) else None
            )
        anchor = anchors.get((merged.min_row, merged.min_col))
        for column in range(merged.min_col, merged.max_col + 1):
            if (row_number, column) == (merged.min_row, merged.min_col):
                continue
            while len(filled) < column:
                filled.append(None)
            filled[column - 1] = anchor
    return filled
