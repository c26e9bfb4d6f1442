"""Household compositions of the synthetic county and the people in them (ages, sexes, surnames).

A household is drawn from a small set of templates (独居老人, elderly couple, couple with
children, three generations …). Each template lists its members as slots; a slot says which
generation the member belongs to and how its age, sex and surname follow from the household's
own draws. Everything is vectorised per slot, so the work grows with the number of slots, not
the number of people.
"""

from dataclasses import dataclass
from enum import IntEnum

import numpy as np
import numpy.typing as npt

from minzheng.demo import vocabulary
from minzheng.registry.enums import Relation

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]

MAX_AGE = 100
RELATIONS: tuple[str, ...] = tuple(Relation.values)
SURNAMES: tuple[str, ...] = tuple(name for name, _ in vocabulary.SURNAME_WEIGHTS)
_SURNAME_P = np.array([w for _, w in vocabulary.SURNAME_WEIGHTS]) / sum(
    w for _, w in vocabulary.SURNAME_WEIGHTS
)


class Gen(IntEnum):
    ELDER = 0
    MIDDLE = 1
    YOUNG = 2


class Age(IntEnum):
    ANCHOR = 0  # the generation's age
    PARTNER = 1  # the generation's age shifted by the couple's age difference
    SIBLING = 2  # a younger sibling of the generation's anchor


class Sex(IntEnum):
    LEAD = 0  # the household's lead (usually the head) is male with the template's probability
    PARTNER = 1  # opposite of the lead
    HEIR = 2  # the elders' child living with them: usually a son, sometimes a 上门女婿 family
    HEIR_PARTNER = 3
    MALE = 4
    FEMALE = 5
    RANDOM = 6
    MOSTLY_FEMALE = 7  # a widowed parent: women outlive men


class Surname(IntEnum):
    FAMILY = 0  # the household's own surname
    PARTNER = 1  # the surname of the lead's spouse (wives keep their own in China)
    FATHER = 2  # children take the father's surname
    FRESH = 3  # married in from another family
    BY_SEX = 4  # a widowed parent: the father carries the family surname, a mother her own


@dataclass(frozen=True)
class Slot:
    relation: Relation
    gen: Gen
    age: Age
    sex: Sex
    surname: Surname


@dataclass(frozen=True)
class Template:
    name: str
    rural_weight: float
    urban_weight: float
    anchor_gen: Gen
    anchor_ages: tuple[int, int]  # inclusive range of the anchor generation's age
    lead_male_p: float
    slots: tuple[Slot, ...]


_HEAD_E = Slot(Relation.HEAD, Gen.ELDER, Age.ANCHOR, Sex.LEAD, Surname.FAMILY)
_SPOUSE_E = Slot(Relation.SPOUSE, Gen.ELDER, Age.PARTNER, Sex.PARTNER, Surname.PARTNER)
_HEAD_M = Slot(Relation.HEAD, Gen.MIDDLE, Age.ANCHOR, Sex.LEAD, Surname.FAMILY)
_SPOUSE_M = Slot(Relation.SPOUSE, Gen.MIDDLE, Age.PARTNER, Sex.PARTNER, Surname.PARTNER)
_CHILD = Slot(Relation.CHILD, Gen.YOUNG, Age.ANCHOR, Sex.RANDOM, Surname.FATHER)
_CHILD_2 = Slot(Relation.CHILD, Gen.YOUNG, Age.SIBLING, Sex.RANDOM, Surname.FATHER)
_HEIR = Slot(Relation.CHILD, Gen.MIDDLE, Age.ANCHOR, Sex.HEIR, Surname.FAMILY)
_HEIR_SPOUSE = Slot(Relation.CHILD_IN_LAW, Gen.MIDDLE, Age.PARTNER, Sex.HEIR_PARTNER, Surname.FRESH)
_GRANDCHILD = Slot(Relation.GRANDCHILD, Gen.YOUNG, Age.ANCHOR, Sex.RANDOM, Surname.FAMILY)
_GRANDCHILD_2 = Slot(Relation.GRANDCHILD, Gen.YOUNG, Age.SIBLING, Sex.RANDOM, Surname.FAMILY)
_FATHER = Slot(Relation.PARENT, Gen.ELDER, Age.ANCHOR, Sex.MALE, Surname.FAMILY)
_MOTHER = Slot(Relation.PARENT, Gen.ELDER, Age.PARTNER, Sex.FEMALE, Surname.FRESH)
_WIDOWED_PARENT = Slot(Relation.PARENT, Gen.ELDER, Age.ANCHOR, Sex.MOSTLY_FEMALE, Surname.BY_SEX)

# Weights are shares of households, not of people; rural villages have more elders and more
# three-generation homes, towns more young couples and people living on their own.
TEMPLATES: tuple[Template, ...] = (
    Template("elder_alone", 0.11, 0.08, Gen.ELDER, (70, 98), 0.35, (_HEAD_E,)),
    Template("elder_couple", 0.14, 0.12, Gen.ELDER, (62, 92), 0.9, (_HEAD_E, _SPOUSE_E)),
    Template("single_adult", 0.08, 0.14, Gen.MIDDLE, (20, 64), 0.6, (_HEAD_M,)),
    Template("couple", 0.08, 0.12, Gen.MIDDLE, (22, 64), 0.85, (_HEAD_M, _SPOUSE_M)),
    Template("couple_one_child", 0.14, 0.22, Gen.YOUNG, (0, 26), 0.85,
             (_HEAD_M, _SPOUSE_M, _CHILD)),
    Template("couple_two_children", 0.08, 0.08, Gen.YOUNG, (2, 26), 0.85,
             (_HEAD_M, _SPOUSE_M, _CHILD, _CHILD_2)),
    Template("single_parent", 0.03, 0.04, Gen.YOUNG, (0, 20), 0.3, (_HEAD_M, _CHILD)),
    Template("three_generations_elder_head", 0.09, 0.04, Gen.YOUNG, (0, 18), 0.85,
             (_HEAD_E, _SPOUSE_E, _HEIR, _HEIR_SPOUSE, _GRANDCHILD)),
    Template("three_generations_elder_head_two", 0.04, 0.02, Gen.YOUNG, (2, 18), 0.85,
             (_HEAD_E, _SPOUSE_E, _HEIR, _HEIR_SPOUSE, _GRANDCHILD, _GRANDCHILD_2)),
    Template("three_generations_widowed_parent", 0.08, 0.07, Gen.YOUNG, (0, 18), 0.85,
             (_HEAD_M, _SPOUSE_M, _WIDOWED_PARENT, _CHILD)),
    Template("three_generations_both_parents", 0.07, 0.05, Gen.YOUNG, (0, 18), 0.85,
             (_HEAD_M, _SPOUSE_M, _FATHER, _MOTHER, _CHILD)),
    Template("grandparent_with_grandchild", 0.03, 0.02, Gen.YOUNG, (3, 16), 0.5,
             (_HEAD_E, _GRANDCHILD)),
)  # fmt: skip


def template_sizes() -> IntArray:
    return np.array([len(t.slots) for t in TEMPLATES], dtype=np.int64)


def template_probabilities(*, urban: bool) -> FloatArray:
    weights = np.array([t.urban_weight if urban else t.rural_weight for t in TEMPLATES])
    probabilities: FloatArray = weights / weights.sum()
    return probabilities


@dataclass(frozen=True)
class MemberColumns:
    """One row per person, ordered by household and then by slot (the head comes first)."""

    household: IntArray
    relation: IntArray  # index into RELATIONS
    age: IntArray
    is_male: BoolArray
    surname: IntArray  # index into SURNAMES


@dataclass(frozen=True)
class _HouseholdDraws:
    """Per-household random quantities that several members share."""

    gen_age: IntArray  # shape (households, 3): elder, middle and young generation ages
    partner_gap: IntArray  # how much younger the wife is than the husband
    sibling_gap: IntArray
    lead_male: BoolArray
    heir_male: BoolArray
    family_surname: IntArray
    partner_surname: IntArray


def _draw_household(rng: np.random.Generator, template_index: IntArray) -> _HouseholdDraws:
    count = len(template_index)
    low = np.array([t.anchor_ages[0] for t in TEMPLATES])[template_index]
    high = np.array([t.anchor_ages[1] for t in TEMPLATES])[template_index]
    anchor = rng.integers(low, high + 1)
    # Parents are 25–36 years older than their eldest child, grandparents as much again.
    young_to_middle = rng.integers(25, 37, size=count)
    middle_to_elder = rng.integers(24, 35, size=count)
    anchor_gen = np.array([t.anchor_gen for t in TEMPLATES])[template_index]
    middle = np.select(
        [anchor_gen == Gen.YOUNG, anchor_gen == Gen.MIDDLE],
        [anchor + young_to_middle, anchor],
        anchor - middle_to_elder,
    )
    elder = np.where(anchor_gen == Gen.ELDER, anchor, middle + middle_to_elder)
    young = np.where(anchor_gen == Gen.YOUNG, anchor, middle - young_to_middle)
    lead_male_p = np.array([t.lead_male_p for t in TEMPLATES])[template_index]
    return _HouseholdDraws(
        gen_age=np.clip(np.stack([elder, middle, young], axis=1), 0, MAX_AGE).astype(np.int64),
        partner_gap=np.clip(np.rint(rng.normal(2.0, 2.0, size=count)), -3, 6).astype(np.int64),
        sibling_gap=rng.integers(1, 9, size=count),
        lead_male=rng.random(count) < lead_male_p,
        heir_male=rng.random(count) < 0.8,
        family_surname=draw_surnames(rng, count),
        partner_surname=draw_surnames(rng, count),
    )


def draw_surnames(rng: np.random.Generator, count: int) -> IntArray:
    return rng.choice(len(SURNAMES), size=count, p=_SURNAME_P).astype(np.int64)


def _slot_age(slot: Slot, draws: _HouseholdDraws, rows: IntArray, male: BoolArray) -> IntArray:
    age: IntArray = draws.gen_age[rows, int(slot.gen)]
    if slot.age is Age.PARTNER:
        # The generation's age is the other spouse's; husbands are usually the older one.
        age = age + np.where(male, draws.partner_gap[rows], -draws.partner_gap[rows])
    elif slot.age is Age.SIBLING:
        age = age - draws.sibling_gap[rows]
    clipped: IntArray = np.clip(age, 0, MAX_AGE).astype(np.int64)
    return clipped


def _slot_sex(
    rng: np.random.Generator, slot: Slot, draws: _HouseholdDraws, rows: IntArray
) -> BoolArray:
    count = len(rows)
    if slot.sex is Sex.LEAD:
        return draws.lead_male[rows]
    if slot.sex is Sex.PARTNER:
        return ~draws.lead_male[rows]
    if slot.sex is Sex.HEIR:
        return draws.heir_male[rows]
    if slot.sex is Sex.HEIR_PARTNER:
        return ~draws.heir_male[rows]
    if slot.sex is Sex.MALE:
        return np.ones(count, dtype=np.bool_)
    if slot.sex is Sex.FEMALE:
        return np.zeros(count, dtype=np.bool_)
    if slot.sex is Sex.MOSTLY_FEMALE:
        return rng.random(count) < 0.3
    return rng.random(count) < 0.515  # sex ratio at birth in Zhejiang, about 106:100


def _slot_surname(
    rng: np.random.Generator, slot: Slot, draws: _HouseholdDraws, rows: IntArray, male: BoolArray
) -> IntArray:
    if slot.surname is Surname.BY_SEX:
        return np.where(male, draws.family_surname[rows], draw_surnames(rng, len(rows)))
    if slot.surname is Surname.FAMILY:
        return draws.family_surname[rows]
    if slot.surname is Surname.PARTNER:
        return draws.partner_surname[rows]
    if slot.surname is Surname.FATHER:
        return np.where(
            draws.lead_male[rows], draws.family_surname[rows], draws.partner_surname[rows]
        )
    return draw_surnames(rng, len(rows))


def household_members(
    rng: np.random.Generator, template_index: IntArray, household_size: IntArray
) -> MemberColumns:
    """The members of each household, keeping only the first ``household_size[h]`` slots."""
    draws = _draw_household(rng, template_index)
    parts: list[tuple[IntArray, IntArray, IntArray, IntArray, BoolArray, IntArray]] = []
    for number, template in enumerate(TEMPLATES):
        of_template = np.flatnonzero(template_index == number).astype(np.int64)
        for slot_number, slot in enumerate(template.slots):
            rows = of_template[household_size[of_template] > slot_number]
            if not len(rows):
                continue
            male = _slot_sex(rng, slot, draws, rows)
            parts.append(
                (
                    rows,
                    np.full(len(rows), slot_number, dtype=np.int64),
                    np.full(len(rows), RELATIONS.index(slot.relation), dtype=np.int64),
                    _slot_age(slot, draws, rows, male),
                    male,
                    _slot_surname(rng, slot, draws, rows, male),
                )
            )
    household, position, relation, age, male, surname = (
        np.concatenate(column) for column in zip(*parts, strict=True)
    )
    order = np.lexsort((position, household))
    return MemberColumns(
        household=household[order].astype(np.int64),
        relation=relation[order].astype(np.int64),
        age=age[order].astype(np.int64),
        is_male=male[order].astype(np.bool_),
        surname=surname[order].astype(np.int64),
    )
