"""Writing a generated population into the database through ``minzheng.core.bulk``."""

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from django.db import connection, models

from minzheng.addresses.models import StandardAddress
from minzheng.core.bulk import Column, Constant, TableLoad, column_name, uuid4_hex
from minzheng.demo.generator import DemoPopulation
from minzheng.registry.enums import Gender, HouseholdStatus, IdType, PersonStatus
from minzheng.registry.models import Household, Membership, Person

# Every demo row was "created" at 2026-01-01 00:00 Beijing time, so a seed gives the same rows.
FIXED_TIMESTAMP = dt.datetime(2025, 12, 31, 16, 0, tzinfo=dt.UTC)
UUID_STREAM = 1  # keys come from their own stream of the seed, apart from the population's

# Writing order: every table's foreign keys point at tables written before it.
DEMO_MODELS: tuple[type[models.Model], ...] = (StandardAddress, Household, Person, Membership)


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
    stamp = Constant(FIXED_TIMESTAMP)
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
        return quote(column_name(model._meta.get_field(name)))

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
