"""A synthetic population of 平湖市 on its real villages and communities. No ORM here.

Everything is drawn from one seeded numpy generator, so a seed always yields the same county.
Work is vectorised over all rows; Python loops run over villages (136) or household templates
(a dozen), never over people. Strings are assembled with list comprehensions over
pre-computed lookup tables, the fast way to build many small ``str`` objects.
"""

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt
from minzheng_pipeline.identifiers import CHECK_CHARS, WEIGHTS
from minzheng_pipeline.names import name_initials

from minzheng.demo import vocabulary
from minzheng.demo.addressing import AddressColumns, village_addresses
from minzheng.demo.households import (
    RELATIONS,
    SURNAMES,
    MemberColumns,
    household_members,
    template_probabilities,
    template_sizes,
)

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
DateArray = npt.NDArray[np.datetime64]

AREA_CODE = "330482"
# The day the synthetic county is "as of": fixed, so a seed gives the same ages in any year.
AS_OF = dt.date(2026, 1, 1)
# 170 and 171 are virtual-operator (MVNO) blocks: valid mobile numbers that a county's
# residents rarely hold, so demo numbers are easy to recognise and unlikely to reach anyone.
PHONE_PREFIXES = ("170", "171")
_PHONE_SPACE = len(PHONE_PREFIXES) * 10**8
# The three-digit 顺序码 is odd for men and even for women. Demo numbers use 000–899: the test
# factories take 9xx, so the two never collide.
ID_SEQUENCES_PER_SEX = 450
URBAN_WEIGHT = 1.4  # communities in the towns hold more households than villages
YOUNGER_NAMES_FROM = 1975  # birth year from which the younger given-name fashion applies
DAYS_PER_YEAR = 365.2425


@dataclass(frozen=True)
class VillageRef:
    """A village (村) or community (社区) and its township, as read from the division table."""

    code: int
    name: str
    township_code: int
    township_name: str

    @property
    def is_urban(self) -> bool:
        return self.name.endswith("社区")


@dataclass(frozen=True)
class HouseholdColumns:
    """Household ``i`` lives at address ``i``."""

    number: list[str]
    division_id: IntArray
    phone: list[str]


@dataclass(frozen=True)
class PersonColumns:
    name: list[str]
    name_initials: list[str]
    id_number: list[str]
    birth_date: DateArray
    is_male: BoolArray
    phone: list[str]


@dataclass(frozen=True)
class MembershipColumns:
    """Person ``i``'s one current membership; persons are stored in household order."""

    household_index: IntArray
    relation: list[str]
    started_on: DateArray


@dataclass(frozen=True)
class DemoPopulation:
    addresses: AddressColumns
    households: HouseholdColumns
    persons: PersonColumns
    memberships: MembershipColumns


def generate_population(
    *, persons: int, seed: int, villages: Sequence[VillageRef], as_of: dt.date = AS_OF
) -> DemoPopulation:
    """Exactly ``persons`` people in households spread over ``villages``, numbered by code."""
    if persons < 1:
        raise ValueError("persons must be positive")
    if not villages:
        raise ValueError("no villages to place households in")
    villages = sorted(villages, key=lambda v: v.code)
    rng = np.random.default_rng(np.random.SeedSequence([seed, 20260101]))
    village_index, template_index, size = _draw_households(rng, persons, villages)
    members = household_members(rng, template_index, size)
    birth = _birth_dates(rng, members.age, as_of)
    names, initials = _names(rng, members, birth)
    person_phone, has_phone = _person_phones(rng, members.age)
    addresses = village_addresses(rng, village_index, villages)
    _require_unique(addresses.full_text, "address full_text")
    population = DemoPopulation(
        addresses=addresses,
        households=HouseholdColumns(
            number=[f"{AREA_CODE}{n:08d}" for n in range(1, len(village_index) + 1)],
            division_id=np.array([v.code for v in villages], dtype=np.int64)[village_index],
            phone=_household_phones(members.household, person_phone, has_phone),
        ),
        persons=PersonColumns(
            name=names,
            name_initials=initials,
            id_number=resident_id_numbers(rng, birth, members.is_male),
            birth_date=birth,
            is_male=members.is_male,
            phone=person_phone,
        ),
        memberships=MembershipColumns(
            household_index=members.household,
            relation=[RELATIONS[r] for r in members.relation.tolist()],
            started_on=_started_on(rng, members, birth, as_of),
        ),
    )
    _require_unique(population.persons.id_number, "resident ID number")
    return population


def _require_unique(values: Sequence[str], what: str) -> None:
    # Cheap next to generation, and a duplicate would only surface later as an IntegrityError.
    if len(set(values)) != len(values):
        raise RuntimeError(f"generated {what}s are not unique")


def _draw_households(
    rng: np.random.Generator, persons: int, villages: Sequence[VillageRef]
) -> tuple[IntArray, IntArray, IntArray]:
    """Village, template and size of each household, sorted by village; sizes sum to persons."""
    urban = np.array([v.is_urban for v in villages])
    weights = rng.lognormal(0.0, 0.35, size=len(villages)) * np.where(urban, URBAN_WEIGHT, 1.0)
    cumulative = {
        is_urban: np.cumsum(template_probabilities(urban=is_urban)) for is_urban in (False, True)
    }
    sizes = template_sizes()
    mean_size = float(sizes @ template_probabilities(urban=False))
    village_parts: list[IntArray] = []
    template_parts: list[IntArray] = []
    drawn = 0
    while drawn < persons:
        batch = math.ceil((persons - drawn) / mean_size * 1.05) + 16
        village = rng.choice(len(villages), size=batch, p=weights / weights.sum())
        uniform = rng.random(batch)
        template = np.where(
            urban[village],
            np.searchsorted(cumulative[True], uniform, side="right"),
            np.searchsorted(cumulative[False], uniform, side="right"),
        )
        template = np.minimum(template, len(sizes) - 1)  # guard against rounding at 1.0
        village_parts.append(village.astype(np.int64))
        template_parts.append(template.astype(np.int64))
        drawn += int(sizes[template].sum())
    village_index = np.concatenate(village_parts)
    template_index = np.concatenate(template_parts)
    size = sizes[template_index]
    # Keep households until the count is reached; the last one loses its trailing members.
    running = np.cumsum(size)
    keep = int(np.searchsorted(running, persons)) + 1
    village_index, template_index, size = village_index[:keep], template_index[:keep], size[:keep]
    size[-1] -= int(running[keep - 1]) - persons
    order = np.argsort(village_index, kind="stable")
    return village_index[order], template_index[order], size[order]


def _birth_dates(rng: np.random.Generator, age: IntArray, as_of: dt.date) -> DateArray:
    """A birth date ``age`` years (and a random part of a year) before ``as_of``."""
    days_back = np.floor((age + rng.random(len(age))) * DAYS_PER_YEAR).astype(np.int64) + 1
    return np.datetime64(as_of, "D") - days_back.astype("timedelta64[D]")


@cache
def _given_name_pools() -> tuple[list[str], list[str], IntArray, IntArray]:
    """All given-name characters (index 0 is 'none'), their initials, pool offsets and sizes."""
    pools = (
        vocabulary.MALE_OLDER,
        vocabulary.FEMALE_OLDER,
        vocabulary.MALE_YOUNGER,
        vocabulary.FEMALE_YOUNGER,
    )
    characters = ["", *(char for pool in pools for char in pool)]
    initials = ["", *(name_initials(char) for char in characters[1:])]
    sizes = np.array([len(pool) for pool in pools], dtype=np.int64)
    offsets = 1 + np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    return characters, initials, offsets, sizes


@cache
def _surname_initials() -> list[str]:
    # name_initials reads a name's first character with the surname override table.
    return [name_initials(surname) for surname in SURNAMES]


def _names(
    rng: np.random.Generator, members: MemberColumns, birth: DateArray
) -> tuple[list[str], list[str]]:
    characters, char_initials, offsets, sizes = _given_name_pools()
    count = len(birth)
    younger = birth.astype("datetime64[Y]").astype(np.int64) + 1970 >= YOUNGER_NAMES_FROM
    pool = (~members.is_male).astype(np.int64) + 2 * younger.astype(np.int64)
    first = offsets[pool] + np.floor(rng.random(count) * sizes[pool]).astype(np.int64)
    second = offsets[pool] + np.floor(rng.random(count) * sizes[pool]).astype(np.int64)
    # One-character given names were commoner in the older generation.
    single = rng.random(count) < np.where(younger, 0.12, 0.2)
    # Doubled given names (婷婷, 丹丹) are a girls' fashion; move a man's second character on.
    doubled = (second == first) & members.is_male
    second = np.where(doubled, offsets[pool] + (second - offsets[pool] + 1) % sizes[pool], second)
    second = np.where(single, 0, second)
    triples = list(zip(members.surname.tolist(), first.tolist(), second.tolist(), strict=True))
    surname_initials = _surname_initials()
    names = [SURNAMES[s] + characters[a] + characters[b] for s, a, b in triples]
    initials = [surname_initials[s] + char_initials[a] + char_initials[b] for s, a, b in triples]
    return names, initials


def resident_id_numbers(
    rng: np.random.Generator, birth: DateArray, is_male: BoolArray
) -> list[str]:
    """Valid, unique 18-digit numbers of 平湖市 (330482) with the given birth dates and sexes."""
    sequence = _unique_sequences(rng, birth, is_male)
    year = birth.astype("datetime64[Y]").astype(np.int64) + 1970
    month = birth.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day = (birth - birth.astype("datetime64[M]")).astype(np.int64) + 1
    digits = np.empty((len(birth), 18), dtype=np.uint8)
    digits[:, :6] = np.frombuffer(AREA_CODE.encode(), dtype=np.uint8) - ord("0")
    for column, (value, width) in enumerate(((year, 4), (month, 2), (day, 2), (sequence, 3))):
        start = 6 + sum((4, 2, 2)[:column])
        for place in range(width):
            digits[:, start + place] = value // 10 ** (width - 1 - place) % 10
    check = (digits[:, :17].astype(np.int64) @ np.array(WEIGHTS, dtype=np.int64)) % 11
    text = digits + ord("0")
    text[:, 17] = np.frombuffer(CHECK_CHARS.encode(), dtype=np.uint8)[check]
    numbers: list[str] = text.view("S18").ravel().astype("U18").tolist()
    return numbers


def _unique_sequences(rng: np.random.Generator, birth: DateArray, is_male: BoolArray) -> IntArray:
    """A 顺序码 per person, distinct among people of the same sex born on the same day."""
    key = birth.astype(np.int64) * 2 + is_male
    order = np.lexsort((rng.random(len(key)), key))
    sorted_key = key[order]
    starts = np.flatnonzero(np.r_[True, sorted_key[1:] != sorted_key[:-1]])
    counts = np.diff(np.r_[starts, len(key)])
    if counts.max() > ID_SEQUENCES_PER_SEX:
        raise ValueError("too many people share a birth date for distinct ID numbers")
    rank = np.arange(len(key)) - np.repeat(starts, counts)
    # A random offset per group and a step coprime with 450 spread numbers over the range.
    offset = np.repeat(rng.integers(0, ID_SEQUENCES_PER_SEX, size=len(starts)), counts)
    slot = (offset + rank * 7) % ID_SEQUENCES_PER_SEX
    sequence = np.empty(len(key), dtype=np.int64)
    sequence[order] = slot * 2 + is_male[order]
    return sequence


def _person_phones(rng: np.random.Generator, age: IntArray) -> tuple[list[str], BoolArray]:
    """Distinct synthetic mobiles for most adults, some teenagers and fewer of the very old."""
    share = np.select([age < 14, age < 18, age < 70, age < 80], [0.0, 0.6, 0.95, 0.75], 0.5)
    has_phone = rng.random(len(age)) < share
    numbers = rng.choice(_PHONE_SPACE, size=int(has_phone.sum()), replace=False)
    formatted = iter(f"{PHONE_PREFIXES[n // 10**8]}{n % 10**8:08d}" for n in numbers.tolist())
    phones = [next(formatted) if has else "" for has in has_phone.tolist()]
    return phones, has_phone


def _household_phones(
    household: IntArray, person_phone: Sequence[str], has_phone: BoolArray
) -> list[str]:
    """The first member's mobile that exists, the head's when the head has one."""
    starts = np.flatnonzero(np.r_[True, household[1:] != household[:-1]])
    candidate = np.where(has_phone, np.arange(len(household)), len(household))
    first = np.minimum.reduceat(candidate, starts)
    return [person_phone[i] if i < len(household) else "" for i in first.tolist()]


def _started_on(
    rng: np.random.Generator, members: MemberColumns, birth: DateArray, as_of: dt.date
) -> DateArray:
    """Members joined when the household was set up, or at birth registration if later."""
    household = members.household
    starts = np.flatnonzero(np.r_[True, household[1:] != household[:-1]])
    head_age = members.age[starts]
    years_back = rng.random(len(starts)) * np.clip(head_age - 20, 0, 45)
    end = np.datetime64(as_of, "D") - np.timedelta64(1, "D")
    formed = end - np.floor(years_back * DAYS_PER_YEAR).astype("timedelta64[D]")
    registered = birth + rng.integers(0, 61, size=len(birth)).astype("timedelta64[D]")
    started: DateArray = np.minimum(np.maximum(formed[household], registered), end)
    return started
