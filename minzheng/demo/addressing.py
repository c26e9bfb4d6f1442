"""Door-plate addresses for the synthetic households, one per household, unique by construction.

Communities (社区) get 小区 blocks on town roads (路 + 号 + 小区 + 幢 + 单元 + 室); villages (村)
get numbered groups (组) with a natural village and a door number. Each village lays out more
places than it has households and a random subset is occupied, so numbering has gaps like a
real one. The canonical text comes from
``minzheng.addresses.services.address_compose``, as for every other address.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt

from minzheng.addresses.services import address_compose
from minzheng.demo import vocabulary

IntArray = npt.NDArray[np.int64]

SPARE_PLACES = 1.25  # laid-out places per household: some flats and plots stand empty
_ESTATE_NAMES = tuple(p + s for p in vocabulary.ESTATE_PREFIXES for s in vocabulary.ESTATE_SUFFIXES)
_HAMLET_NAMES = tuple(
    name + suffix for name, _ in vocabulary.SURNAME_WEIGHTS for suffix in vocabulary.HAMLET_SUFFIXES
)


class Place(Protocol):
    """What addressing needs to know about a village (see ``generator.VillageRef``)."""

    @property
    def code(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def township_name(self) -> str: ...
    @property
    def is_urban(self) -> bool: ...


@dataclass
class AddressColumns:
    """Address parts as the model stores them: text, blank when a part does not apply."""

    division_id: list[int] = field(default_factory=list)
    road: list[str] = field(default_factory=list)
    door_number: list[str] = field(default_factory=list)
    estate: list[str] = field(default_factory=list)
    building: list[str] = field(default_factory=list)
    unit: list[str] = field(default_factory=list)
    room: list[str] = field(default_factory=list)
    group: list[str] = field(default_factory=list)
    full_text: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.full_text)


def village_addresses(
    rng: np.random.Generator, village_index: IntArray, villages: Sequence[Place]
) -> AddressColumns:
    """One address per household; ``village_index`` must be sorted so each village is a run."""
    columns = AddressColumns()
    counts = np.bincount(village_index, minlength=len(villages))
    for village, count in zip(villages, counts.tolist(), strict=True):
        if count:
            if village.is_urban:
                _add_flats(rng, village, count, columns)
            else:
                _add_rural_plots(rng, village, count, columns)
    return columns


def _occupied(rng: np.random.Generator, places: int, count: int) -> IntArray:
    """``count`` distinct place numbers out of ``places``, in ascending order."""
    return np.sort(rng.choice(places, size=count, replace=False)).astype(np.int64)


def _first_estate(village_name: str) -> str:
    # A community is usually named after its oldest estate: 松枫社区 → 松枫苑.
    stem = village_name.removesuffix("社区")
    return stem + ("小区" if stem[-1] in "苑园城" else "苑")


def _estate_names(rng: np.random.Generator, village_name: str, count: int) -> list[str]:
    first = _first_estate(village_name)
    others = [n for n in _ESTATE_NAMES if n != first]
    picked = rng.choice(len(others), size=count - 1, replace=False)
    return [first, *(others[i] for i in picked.tolist())]


def _add_flats(rng: np.random.Generator, village: Place, count: int, out: AddressColumns) -> None:
    floors = int(rng.choice([6, 6, 11, 18]))
    units = int(rng.integers(1, 4))
    rooms = int(rng.choice([2, 2, 4]))
    buildings = int(rng.integers(4, 25))
    per_building = units * floors * rooms
    places_needed = math.ceil(count * SPARE_PLACES)
    max_estates = len(_ESTATE_NAMES) // 2
    # Very large demo counties get bigger estates rather than running out of estate names.
    buildings = max(buildings, math.ceil(places_needed / (max_estates * per_building)))
    per_estate = buildings * per_building
    estates = max(1, math.ceil(places_needed / per_estate))
    names = _estate_names(rng, village.name, estates)
    road_count = min(estates, 3)
    roads = [vocabulary.ROADS[i] for i in rng.choice(len(vocabulary.ROADS), road_count, False)]
    # Estates on one road get door numbers in separate blocks of 40, so no two collide.
    doors = [8 + 40 * (e // road_count) + int(rng.integers(0, 40)) for e in range(estates)]
    place = _occupied(rng, estates * per_estate, count)
    estate = (place // per_estate).tolist()
    floor = (place // rooms % floors + 1).tolist()
    room = (place % rooms + 1).tolist()
    unit = (place // (rooms * floors) % units + 1).tolist()
    parts = {
        "road": [roads[e % road_count] for e in estate],
        "door_number": [str(doors[e]) for e in estate],
        "estate": [names[e] for e in estate],
        "building": [str(b) for b in (place // per_building % buildings + 1).tolist()],
        # A block with a single stairwell has no 单元 on its door plate.
        "unit": [str(u) for u in unit] if units > 1 else [],
        "room": [f"{f}{r:02d}" for f, r in zip(floor, room, strict=True)],
    }
    _extend(out, village, count, parts)


def _add_rural_plots(
    rng: np.random.Generator, village: Place, count: int, out: AddressColumns
) -> None:
    groups = int(rng.integers(6, 19))
    hamlets = [_HAMLET_NAMES[i] for i in rng.choice(len(_HAMLET_NAMES), groups, False).tolist()]
    doors_per_group = math.ceil(count * SPARE_PLACES / groups) + 1
    place = _occupied(rng, groups * doors_per_group, count)
    group = (place // doors_per_group).tolist()
    parts = {
        "group": [str(g + 1) for g in group],
        "road": [hamlets[g] for g in group],
        "door_number": [str(d) for d in (place % doors_per_group + 1).tolist()],
    }
    _extend(out, village, count, parts)


_PARTS = ("road", "door_number", "estate", "building", "unit", "room", "group")


def _extend(out: AddressColumns, village: Place, count: int, parts: dict[str, list[str]]) -> None:
    columns = [parts.get(name) or [""] * count for name in _PARTS]
    out.division_id.extend([village.code] * count)
    for name, column in zip(_PARTS, columns, strict=True):
        getattr(out, name).extend(column)
    out.full_text.extend(
        address_compose(
            township=village.township_name,
            village=village.name,
            road=road,
            door_number=door,
            estate=estate,
            building=building,
            unit=unit,
            room=room,
            group=group,
        )
        for road, door, estate, building, unit, room, group in zip(*columns, strict=True)
    )
