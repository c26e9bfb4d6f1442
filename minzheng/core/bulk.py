"""Bulk inserts for tables of a county's size: COPY on PostgreSQL, batches elsewhere.

The ORM's ``bulk_create`` builds a model instance per row and is far too slow for a county, so
rows go straight to the DB-API cursor of Django's own connection, inside the caller's
transaction. Table and column names always come from the models' ``_meta``, and a table whose
model has a field the loader does not fill is refused, so a model change cannot be loaded half
way or silently defaulted.
"""

import sys
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from django.db import connection, models
from psycopg import sql
from tqdm import tqdm

from minzheng.core.clock import now

BATCH_ROWS = 20_000


@dataclass(frozen=True)
class Constant:
    """The same value in every row, without materialising a column of it."""

    value: object


Column = Sequence[object] | npt.NDArray[Any] | Constant


class _Progress(Protocol):
    def update(self, n: int) -> object: ...


@dataclass(frozen=True)
class TableLoad:
    model: type[models.Model]
    rows: int
    columns: Mapping[str, Column]  # keyed by field ``attname``, e.g. "division_id"


def uuid4_hex(rng: np.random.Generator, count: int) -> npt.NDArray[np.bytes_]:
    """Random version-4 UUIDs as 32 hex digits, the form Django stores on SQLite."""
    raw = rng.integers(0, 256, size=(count, 16), dtype=np.uint8)
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40  # version 4
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80  # RFC 4122 variant
    digits = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
    text = np.stack([digits[raw >> 4], digits[raw & 0x0F]], axis=2).reshape(count, 32)
    return np.ascontiguousarray(text).view("S32").ravel()


def base_columns(count: int) -> dict[str, Column]:
    """The ``BaseModel`` columns of ``count`` new rows: fresh UUID keys, timestamps of now."""
    stamp = now()
    return {
        "id": [uuid.uuid4().hex for _ in range(count)],
        "created_at": Constant(stamp),
        "updated_at": Constant(stamp),
    }


def load_tables(tables: Sequence[TableLoad], *, progress: bool) -> None:
    """Insert every table in order; the caller owns the transaction."""
    for table in tables:
        write_table(table, progress=progress)


def write_table(table: TableLoad, *, progress: bool, skip_conflicts: bool = False) -> None:
    """Insert the table's rows; ``skip_conflicts`` leaves out rows a unique constraint refuses.

    Skipping conflicts needs ``INSERT … ON CONFLICT DO NOTHING``: on PostgreSQL the rows are
    copied into a temporary table first and inserted from it in one statement.
    """
    # An auto-increment key may be left to the database; every other field must be given.
    fields = [
        field
        for field in table.model._meta.concrete_fields
        if field.attname in table.columns or not isinstance(field, models.AutoField)
    ]
    attnames = {field.attname for field in fields}
    if attnames != set(table.columns):
        raise ValueError(
            f"{table.model._meta.label}: bulk loader columns {sorted(set(table.columns))} "
            f"do not match the model fields {sorted(attnames)}"
        )
    if table.rows == 0:
        return
    names = [column_name(field) for field in fields]
    columns = [_prepared(field, table.columns[field.attname]) for field in fields]
    with tqdm(
        total=table.rows,
        desc=table.model._meta.db_table,
        unit=" rows",
        unit_scale=True,
        file=sys.stderr,
        disable=not progress,
        leave=True,
    ) as bar:
        batches = _row_batches(columns, table.rows)
        if connection.vendor == "postgresql" and skip_conflicts:
            _copy_rows_skipping_conflicts(table.model._meta.db_table, names, batches, bar)
        elif connection.vendor == "postgresql":
            _copy_rows(table.model._meta.db_table, names, batches, bar)
        else:
            _insert_rows(
                table.model._meta.db_table, names, batches, bar, skip_conflicts=skip_conflicts
            )


def _prepared(field: models.Field[Any, Any], column: Column) -> Column:
    """A constant in the form the backend stores (a datetime as text on SQLite, say)."""
    if isinstance(column, Constant) and column.value is not None:
        return Constant(field.get_db_prep_save(column.value, connection))
    return column


def column_name(field: models.Field[Any, Any] | models.ForeignObjectRel) -> str:
    if not isinstance(field, models.Field) or not field.column:
        raise TypeError(f"{field!r} has no database column")
    return field.column


def _row_batches(columns: Sequence[Column], rows: int) -> Iterator[list[tuple[Any, ...]]]:
    for start in range(0, rows, BATCH_ROWS):
        stop = min(start + BATCH_ROWS, rows)
        values = [_python_values(column, start, stop) for column in columns]
        yield list(zip(*values, strict=True))


def _python_values(column: Column, start: int, stop: int) -> Sequence[object]:
    """Plain Python values the DB-API driver adapts: ``str``, ``int``, ``bool`` or None."""
    if isinstance(column, Constant):
        return list(repeat(column.value, stop - start))
    if isinstance(column, np.ndarray):
        part = column[start:stop]
        if part.dtype.kind == "M":  # dates as ISO text, which every backend accepts
            return np.datetime_as_string(part, unit="D").tolist()  # type: ignore[no-any-return]
        if part.dtype.kind == "S":
            return part.astype(np.str_).tolist()  # type: ignore[no-any-return]
        return part.tolist()  # type: ignore[no-any-return]
    return column[start:stop]


def _copy_rows(
    table: str,
    columns: Sequence[str],
    batches: Iterator[list[tuple[Any, ...]]],
    bar: _Progress,
) -> None:
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    # The driver's COPY bypasses Django's cursor: wrap it so errors are Django's
    # (IntegrityError and the like) on every backend.
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.cursor.copy(statement) as copy,
    ):
        for batch in batches:
            for row in batch:
                copy.write_row(row)
            bar.update(len(batch))


def _copy_rows_skipping_conflicts(
    table: str,
    columns: Sequence[str],
    batches: Iterator[list[tuple[Any, ...]]],
    bar: _Progress,
) -> None:
    staging = sql.Identifier(f"bulk_{table}")
    names = sql.SQL(", ").join(map(sql.Identifier, columns))
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(staging))
        # Column types only: the staging table needs none of the target's constraints.
        cursor.execute(
            sql.SQL("CREATE TEMPORARY TABLE {} AS SELECT {} FROM {} WITH NO DATA").format(
                staging, names, sql.Identifier(table)
            )
        )
        _copy_rows(f"bulk_{table}", columns, batches, bar)
        cursor.execute(
            sql.SQL("INSERT INTO {} ({}) SELECT {} FROM {} ON CONFLICT DO NOTHING").format(
                sql.Identifier(table), names, names, staging
            )
        )
        cursor.execute(sql.SQL("DROP TABLE {}").format(staging))


def _insert_rows(
    table: str,
    columns: Sequence[str],
    batches: Iterator[list[tuple[Any, ...]]],
    bar: _Progress,
    *,
    skip_conflicts: bool,
) -> None:
    quote = connection.ops.quote_name
    # Names are quoted identifiers taken from the models' _meta, never user input. Django's own
    # cursor converts the placeholders once per statement and counts it like any query.
    statement = "INSERT INTO {} ({}) VALUES ({}){}".format(  # noqa: S608
        quote(table),
        ", ".join(map(quote, columns)),
        ", ".join(["%s"] * len(columns)),
        " ON CONFLICT DO NOTHING" if skip_conflicts else "",
    )
    with connection.cursor() as cursor:
        for batch in batches:
            cursor.executemany(statement, batch)
            bar.update(len(batch))


def columns_set(
    model: type[models.Model], keys: Sequence[str] | Sequence[int], columns: Mapping[str, Column]
) -> int:
    """Set some columns of the rows ``keys`` (primary keys: UUIDs as 32 hex digits, or integers).

    ``columns`` maps field names to one value per key, or a ``Constant``. ``bulk_update``
    builds a CASE of every row per batch, which SQLite evaluates row by row (seconds for tens
    of thousands). On SQLite one prepared UPDATE runs with executemany; on PostgreSQL the rows
    are copied to a staging table and applied by one ``UPDATE … FROM``.
    """
    if not keys:
        return 0
    meta = model._meta
    fields = [meta.get_field(name) for name in columns]
    names = [column_name(field) for field in fields]
    values = [
        _prepared(field, column)  # type: ignore[arg-type]
        for field, column in zip(fields, columns.values(), strict=True)
    ]
    key = column_name(meta.pk)
    rows = (batch for batch in _row_batches([keys, *values], len(keys)))
    if connection.vendor == "postgresql":
        _columns_set_from_copy(meta.db_table, key, names, rows)
        return len(keys)
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(name)} = %s" for name in names)
    # Names are quoted identifiers taken from the model's _meta, values are parameters.
    statement = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(key)} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        for batch in rows:
            cursor.executemany(statement, [(*row[1:], row[0]) for row in batch])
    return len(keys)


def _columns_set_from_copy(
    table: str, key: str, names: Sequence[str], rows: Iterator[list[tuple[Any, ...]]]
) -> None:
    staging = sql.Identifier(f"bulk_set_{table}")
    listed = sql.SQL(", ").join(map(sql.Identifier, [key, *names]))
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(staging))
        cursor.execute(
            sql.SQL("CREATE TEMPORARY TABLE {} AS SELECT {} FROM {} WITH NO DATA").format(
                staging, listed, sql.Identifier(table)
            )
        )
        copy_statement = sql.SQL("COPY {} ({}) FROM STDIN").format(staging, listed)
        with connection.wrap_database_errors, cursor.cursor.copy(copy_statement) as copy:
            for batch in rows:
                for row in batch:
                    copy.write_row(row)
        assignments = sql.SQL(", ").join(
            sql.SQL("{} = s.{}").format(sql.Identifier(name), sql.Identifier(name))
            for name in names
        )
        cursor.execute(
            sql.SQL("UPDATE {t} SET {a} FROM {s} AS s WHERE {t}.{k} = s.{k}").format(
                t=sql.Identifier(table), a=assignments, k=sql.Identifier(key), s=staging
            )
        )
        cursor.execute(sql.SQL("DROP TABLE {}").format(staging))
