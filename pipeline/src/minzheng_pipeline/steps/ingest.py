"""Reading source CSV files into one Arrow table, with errors a clerk can act on.

Each file is one source, named by its stem; its header may hold ``record_id`` and any of the
linkage columns (others are ignored, so a department export can be used as it is). Every
cell is read as text, and an empty cell is a missing value.
"""

import csv
import re
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from minzheng_pipeline.contracts import LINKAGE_COLUMNS, RECORD_ID, SOURCE
from minzheng_pipeline.errors import SourceError, SourceProblem


def _reason(exc: Exception) -> str:
    """Why Arrow could not read a file, in Chinese and without the offending row: Arrow's own
    message quotes the row, which holds names and ID numbers."""
    if isinstance(exc, UnicodeDecodeError) or "UTF8" in str(exc) or "UTF-8" in str(exc):
        return "不是 UTF-8 编码"
    columns = re.search(r"Expected (\d+) columns, got (\d+)", str(exc))
    if columns:
        return f"有一行的列数与表头不一致(应为 {columns[1]} 列，实为 {columns[2]} 列)"
    return "不是有效的 CSV 文件"


def _header(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            line = handle.readline()
    except UnicodeDecodeError as exc:
        raise SourceError(SourceProblem.UNREADABLE, path, "不是 UTF-8 编码") from exc
    # The csv module, not a split on commas: spreadsheet tools quote header names too.
    return [name.strip() for name in next(csv.reader([line]), [])]


def read_source(path: Path, *, source: str | None = None) -> pa.Table:
    """One source file as a table of ``source``, ``record_id`` and its linkage columns.

    Raises:
        SourceError: the file is missing, unreadable, lacks ``record_id`` or any linkage
            column, or has empty or repeated record ids.
    """
    if not path.is_file():
        raise SourceError(SourceProblem.MISSING_FILE, path)
    header = _header(path)
    if RECORD_ID not in header:
        raise SourceError(SourceProblem.NO_RECORD_ID, path)
    wanted = [name for name in LINKAGE_COLUMNS if name in header]
    if not wanted:
        raise SourceError(SourceProblem.NO_LINKAGE_COLUMN, path)
    columns = [RECORD_ID, *wanted]
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=header, skip_rows=1),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(columns, pa.string()),
                include_columns=columns,
                strings_can_be_null=True,
                null_values=[""],
                quoted_strings_can_be_null=True,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        raise SourceError(SourceProblem.UNREADABLE, path, _reason(exc)) from exc
    record_ids = table.column(RECORD_ID)
    if missing := record_ids.null_count:
        raise SourceError(SourceProblem.EMPTY_RECORD_ID, path, str(missing))
    if (repeated := len(record_ids) - pc.count_distinct(record_ids).as_py()) > 0:
        raise SourceError(SourceProblem.DUPLICATE_RECORD_ID, path, str(repeated))
    name = source if source is not None else path.stem
    return table.add_column(0, SOURCE, pa.repeat(pa.scalar(name, pa.string()), table.num_rows))


def read_sources(paths: Sequence[Path]) -> pa.Table:
    """All sources in one table, columns missing from a source filled with nulls."""
    seen: set[str] = set()
    tables = []
    for path in paths:
        if path.stem in seen:
            raise SourceError(SourceProblem.DUPLICATE_SOURCE, path, path.stem)
        seen.add(path.stem)
        tables.append(read_source(path))
    return pa.concat_tables(tables, promote_options="default")
