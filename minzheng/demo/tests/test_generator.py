import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from minzheng_pipeline.names import SURNAME_INITIALS

from minzheng.core.bulk import TableLoad, write_table
from minzheng.demo import vocabulary
from minzheng.demo.generator import VillageRef, generate_population
from minzheng.registry.models import Person

DIVISIONS = Path(__file__).resolve().parents[2] / "divisions" / "data" / "divisions.json"


def _villages() -> list[VillageRef]:
    rows = json.loads(DIVISIONS.read_text(encoding="utf-8"))
    names = {row["code"]: row["name"] for row in rows}
    return [
        VillageRef(int(row["code"]), row["name"], int(row["parent"]), names[row["parent"]])
        for row in rows
        if row["level"] == "village"
    ]


@pytest.mark.parametrize("persons", [1, 2, 7, 1000], ids=lambda n: f"{n}_persons")
def test_generates_exactly_the_requested_number_of_people(persons):
    population = generate_population(persons=persons, seed=3, villages=_villages())

    memberships = population.memberships
    assert len(population.persons.name) == len(memberships.relation) == persons
    households = len(population.households.number)
    assert len(population.addresses) == households
    assert Counter(memberships.relation)["head"] == households
    # Each household's members are contiguous and start with the head.
    starts = np.flatnonzero(np.r_[True, np.diff(memberships.household_index) != 0])
    assert [memberships.relation[i] for i in starts.tolist()] == ["head"] * households
    assert np.all(np.diff(memberships.household_index) >= 0)


def test_same_seed_same_population_and_other_seed_another():
    villages = _villages()
    first = generate_population(persons=500, seed=11, villages=villages)
    again = generate_population(persons=500, seed=11, villages=list(reversed(villages)))
    other = generate_population(persons=500, seed=12, villages=villages)

    assert first.persons.id_number == again.persons.id_number
    assert first.addresses.full_text == again.addresses.full_text
    assert first.persons.name != other.persons.name


def test_household_numbers_follow_division_codes():
    population = generate_population(persons=3000, seed=5, villages=_villages())

    codes = population.households.division_id
    assert np.all(np.diff(codes) >= 0)
    assert population.households.number[0] == "33048200000001"
    assert len(set(population.households.number)) == len(population.households.number)


def test_given_name_characters_read_the_same_alone_as_in_a_name():
    pools = (
        vocabulary.MALE_OLDER,
        vocabulary.FEMALE_OLDER,
        vocabulary.MALE_YOUNGER,
        vocabulary.FEMALE_YOUNGER,
    )
    characters = {char for pool in pools for char in pool}

    assert all(len(char) == 1 for char in characters)
    assert not characters & set(SURNAME_INITIALS)
    assert {"曾", "单", "解"} <= {name for name, _ in vocabulary.SURNAME_WEIGHTS}


def test_rejects_an_empty_county():
    with pytest.raises(ValueError, match="villages"):
        generate_population(persons=10, seed=1, villages=[])


def test_loader_refuses_a_table_that_does_not_fill_every_field():
    with pytest.raises(ValueError, match=r"registry\.Person"):
        write_table(TableLoad(Person, 0, {"id": []}), progress=False)
