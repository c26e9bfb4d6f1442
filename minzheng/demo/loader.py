"""Writing a generated population into the database: COPY on PostgreSQL, batches elsewhere.

The ORM's ``bulk_create`` builds a model instance per row and is far too slow for a county, so
rows go straight to the DB-API cursor of Django's own connection, inside the caller's
transaction. Table and column names always come from the models' ``_meta``, and a table whose
model has a field the loader does not fill is refused, so a model change cannot be loaded half
way or silently defaulted.
"""

import datetime as dt
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from django.db import connection, models
from psycopg import sql
from tqdm import tqdm

from minzheng.addresses.models import StandardAddress
from minzheng.demo.generator import DemoPopulation
from minzheng.registry.enums import Gender, HouseholdStatus, IdType, PersonStatus
from minzheng.registry.models import Household, Membership, Person

# Every demo row was "created" at 2026-01-01 00:00 Beijing time, so a seed gives the same rows.
FIXED_TIMESTAMP = dt.datetime(2025, 12, 31, 16, 0, tzinfo=dt.UTC)
BATCH_ROWS = 20_000
UUID_STREAM = 1  # keys come from their own stream of the seed, apart from the population's

# Writing order: every table's foreign keys point at tables written before it.
DEMO_MODELS: tuple[type[models.Model], ...] = (StandardAddress, Household, Person, Membership)


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


@dataclass(frozen=True)
class _Keys:
    address: npt.NDArray[np.bytes_]
    household: npt.NDArray[np.bytes_]
    person: npt.NDArray[np.bytes_]
    membership: npt.NDArray[np.bytes_]


def population_tables(population: DemoPopulation, *, seed: int) -> list[TableLoad]:
    """The four demo tables as columns, with deterministic keys from ``seed``."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, UUID_STREAM]))
    keys = _Keys(
        address=uuid4_hex(rng, len(population.addresses)),
        household=uuid4_hex(rng, len(population.households.number)),
        person=uuid4_hex(rng, len(population.persons.name)),
        membership=uuid4_hex(rng, len(population.memberships.relation)),
    )
    stamp = Constant(connection.ops.adapt_datetimefield_value(FIXED_TIMESTAMP))
    base: dict[str, Column] = {"created_at": stamp, "updated_at": stamp}
    return [
        TableLoad(StandardAddress, len(keys.address), base | _address_columns(population, keys)),
        TableLoad(Household, len(keys.household), base | _household_columns(population, keys)),
        TableLoad(Person, len(keys.person), base | _person_columns(population, keys)),
        TableLoad(Membership, len(keys.membership), base | _membership_columns(population, keys)),
    ]


def _address_columns(population: DemoPopulation, keys: _Keys) -> dict[str, Column]:
    addresses = population.addresses
    return {
        "id": keys.address,
        "division_id": addresses.division_id,
        "road": addresses.road,
        "door_number": addresses.door_number,
        "estate": addresses.estate,
        "building": addresses.building,
        "unit": addresses.unit,
        "room": addresses.room,
        "group": addresses.group,
        "full_text": addresses.full_text,
        "is_synthetic": Constant(True),
    }


def _household_columns(population: DemoPopulation, keys: _Keys) -> dict[str, Column]:
    households = population.households
    return {
        "id": keys.household,
        "number": households.number,
        "division_id": households.division_id,
        "address_id": keys.address,  # household i lives at address i
        "phone": households.phone,
        "status": Constant(HouseholdStatus.ACTIVE.value),
        "is_synthetic": Constant(True),
    }


def _person_columns(population: DemoPopulation, keys: _Keys) -> dict[str, Column]:
    people = population.persons
    return {
        "id": keys.person,
        "name": people.name,
        "name_initials": people.name_initials,
        "id_type": Constant(IdType.RESIDENT_ID.value),
        "id_number": people.id_number,
        "birth_date": people.birth_date,
        "gender": np.where(people.is_male, Gender.MALE.value, Gender.FEMALE.value),
        "phone": people.phone,
        "status": Constant(PersonStatus.ALIVE.value),
        "is_synthetic": Constant(True),
    }


def _membership_columns(population: DemoPopulation, keys: _Keys) -> dict[str, Column]:
    memberships = population.memberships
    return {
        "id": keys.membership,
        "household_id": keys.household[memberships.household_index],
        "person_id": keys.person,  # persons are stored in membership order
        "relation": memberships.relation,
        "started_on": memberships.started_on,
        "ended_on": Constant(None),
    }


def load_tables(tables: Sequence[TableLoad], *, progress: bool) -> None:
    """Insert every table in order; the caller owns the transaction."""
    for table in tables:
        write_table(table, progress=progress)


def write_table(table: TableLoad, *, progress: bool) -> None:
    fields = table.model._meta.concrete_fields
    attnames = {field.attname for field in fields}
    if attnames != set(table.columns):
        raise ValueError(
            f"{table.model._meta.label}: demo loader columns {sorted(set(table.columns))} "
            f"do not match the model fields {sorted(attnames)}"
        )
    names = [_column_name(field) for field in fields]
    columns = [table.columns[field.attname] for field in fields]
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
        if connection.vendor == "postgresql":
            _copy_rows(table.model._meta.db_table, names, batches, bar)
        else:
            _insert_rows(table.model._meta.db_table, names, batches, bar)


def _column_name(field: models.Field[Any, Any] | models.ForeignObjectRel) -> str:
    if not isinstance(field, models.Field) or not field.column:
        raise TypeError(f"{field!r} has no database column")
    return field.column


def _row_batches(columns: Sequence[Column], rows: int) -> Iterator[list[tuple[object, ...]]]:
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
    batches: Iterator[list[tuple[object, ...]]],
    bar: _Progress,
) -> None:
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for batch in batches:
            for row in batch:
                copy.write_row(row)
            bar.update(len(batch))


def _insert_rows(
    table: str,
    columns: Sequence[str],
    batches: Iterator[list[tuple[object, ...]]],
    bar: _Progress,
) -> None:
    quote = connection.ops.quote_name
    placeholder = "?" if connection.vendor == "sqlite" else "%s"  # the raw driver's style
    # Names are quoted identifiers taken from the models' _meta, never user input.
    statement = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(table), ", ".join(map(quote, columns)), ", ".join([placeholder] * len(columns))
    )
    connection.ensure_connection()
    raw = connection.connection.cursor()
    try:
        for batch in batches:
            raw.executemany(statement, batch)
            bar.update(len(batch))
    finally:
        raw.close()


def delete_synthetic_rows() -> dict[str, int]:
    """Remove earlier demo rows, dependants first; returns the rows deleted per table.

    Raw DELETEs: the ORM's collector would load every row to check PROTECT relations.
    Memberships have no flag of their own and go with a synthetic person or household, in two
    statements: PostgreSQL cannot turn ``IN (…) OR IN (…)`` into hash joins and falls back to
    a nested scan that takes hours at county scale.
    """
    quote = connection.ops.quote_name

    def table(model: type[models.Model]) -> str:
        return quote(model._meta.db_table)

    def column(model: type[models.Model], name: str) -> str:
        return quote(_column_name(model._meta.get_field(name)))

    def of_synthetic(field: str, target: type[models.Model]) -> str:
        return "DELETE FROM {} WHERE {} IN (SELECT {} FROM {} WHERE {} = %s)".format(  # noqa: S608
            table(Membership),
            column(Membership, field),
            column(target, "id"),
            table(target),
            column(target, "is_synthetic"),
        )

    statements: list[tuple[type[models.Model], str]] = [
        (Membership, of_synthetic("person", Person)),
        (Membership, of_synthetic("household", Household)),
    ]
    statements += [
        (model, f"DELETE FROM {table(model)} WHERE {column(model, 'is_synthetic')} = %s")  # noqa: S608
        for model in (Person, Household, StandardAddress)
    ]
    deleted: dict[str, int] = {}
    with connection.cursor() as cursor:
        for model, statement in statements:
            cursor.execute(statement, [True])
            label = model._meta.db_table
            deleted[label] = deleted.get(label, 0) + cursor.rowcount
    return deleted


def analyze_tables() -> None:
    """Refresh planner statistics, which a bulk load leaves far behind the data."""
    with connection.cursor() as cursor:
        for model in DEMO_MODELS:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
