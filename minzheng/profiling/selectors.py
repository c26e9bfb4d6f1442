"""A household's 五型三色 profile and its timeline, as labels a caseworker reads."""

import datetime as dt
import uuid
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from minzheng.profiling.classify import INDICATORS, TYPES
from minzheng.profiling.enums import INDICATOR_LABELS, TYPE_LABELS, Colour
from minzheng.profiling.models import (
    HouseholdProfile,
    ProfileChange,
    ProfileTally,
)


@dataclass(frozen=True)
class ProfileView:
    types: list[str]  # labels, primary first
    primary: str
    colour: str  # green / yellow / red
    colour_label: str
    score: int
    reasons: list[str]  # the facts, as sentences
    computed_on: dt.date
    model_version: str


@dataclass(frozen=True)
class TimelineEntry:
    changed_on: dt.date
    colour_before: str  # "" when the household was not profiled
    colour_after: str  # "" when it left the profiles
    colour_before_label: str
    colour_after_label: str
    types_after: list[str]
    reasons_after: list[str]


def _labels(bits: int, codes: tuple[str, ...], labels: Mapping[str, object]) -> list[str]:
    return [str(labels[code]) for position, code in enumerate(codes) if bits & (1 << position)]


def _colour(index: int) -> str:
    return Colour(index).code if index in Colour.values else ""


def _colour_label(index: int) -> str:
    return str(Colour(index).label) if index in Colour.values else ""


def household_profile(*, household_id: uuid.UUID) -> ProfileView | None:
    """The current profile, or None when the household is not in difficulty (one query)."""
    profile = HouseholdProfile.objects.filter(household_id=household_id).first()
    if profile is None:
        return None
    primary = str(TYPE_LABELS[TYPES[profile.primary]]) if profile.primary >= 0 else ""
    types = _labels(profile.types, TYPES, TYPE_LABELS)
    return ProfileView(
        types=[primary, *[t for t in types if t != primary]] if primary else types,
        primary=primary,
        colour=_colour(profile.colour),
        colour_label=_colour_label(profile.colour),
        score=profile.score,
        reasons=_labels(profile.reasons, INDICATORS, INDICATOR_LABELS),
        computed_on=profile.computed_on,
        model_version=profile.model_version,
    )


def household_profile_timeline(*, household_id: uuid.UUID) -> list[TimelineEntry]:
    """Every change of types or colour, newest first (one query)."""
    return [
        TimelineEntry(
            changed_on=change.changed_on,
            colour_before=_colour(change.colour_before),
            colour_after=_colour(change.colour_after),
            colour_before_label=_colour_label(change.colour_before),
            colour_after_label=_colour_label(change.colour_after),
            types_after=_labels(change.types_after, TYPES, TYPE_LABELS),
            reasons_after=_labels(change.reasons_after, INDICATORS, INDICATOR_LABELS),
        )
        for change in ProfileChange.objects.filter(household_id=household_id).order_by(
            "-changed_on", "-id"
        )
    ]


@dataclass(frozen=True)
class Tally:
    division_code: int
    primary: str  # a TYPES code
    colour: str  # a Colour code
    households: int


def profile_tallies(*, low: int, high: int) -> list[Tally]:
    """Households per 村社, primary type and colour inside a division range (one query)."""
    return [
        Tally(code, TYPES[primary], Colour(colour).code, households)
        for code, primary, colour, households in ProfileTally.objects.filter(
            division_code__range=(low, high)
        ).values_list("division_code", "primary", "colour", "households")
    ]


# Reads for other apps (ADR 0032): by type and indicator codes, never by bit position.


@dataclass(frozen=True)
class ProfileSignals:
    types: frozenset[str]  # TYPES codes
    reasons: frozenset[str]  # INDICATORS codes


def _codes(bits: int, codes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(code for position, code in enumerate(codes) if bits & (1 << position))


def household_profile_signals(*, household_id: uuid.UUID) -> ProfileSignals | None:
    """The household's profile types and indicators as codes, or None when not profiled."""
    row = (
        HouseholdProfile.objects.filter(household_id=household_id)
        .values_list("types", "reasons")
        .first()
    )
    if row is None:
        return None
    return ProfileSignals(_codes(row[0], TYPES), _codes(row[1], INDICATORS))


def households_of_type(
    *, household_ids: Iterable[uuid.UUID] | QuerySet[Any, Any], type_code: str
) -> set[uuid.UUID]:
    """Those of ``household_ids`` (a list or a subquery of ids) whose profile has the type
    ``type_code`` (a TYPES code)."""
    bit = 1 << TYPES.index(type_code)
    rows = HouseholdProfile.objects.filter(household_id__in=household_ids).values_list(
        "household_id", "types"
    )
    return {household_id for household_id, types in rows if types & bit}


def household_colours(
    *, household_ids: Collection[uuid.UUID] | None = None
) -> list[tuple[uuid.UUID, int, int]]:
    """(household, 村社 code, colour value) of every profiled household, or of those given."""
    profiles = HouseholdProfile.objects.all()
    if household_ids is not None:
        profiles = profiles.filter(household_id__in=list(household_ids))
    return list(profiles.values_list("household_id", "division_code", "colour"))
