"""The dashboard's tables, built from other apps' pre-computed aggregates only.

The dashboard owns no model: it reads profile tallies (written by each profile run) and
division names, groups them by 镇街 or by the 村社 of one 镇街, and shapes them for tables,
charts and Excel.
"""

from collections import defaultdict
from dataclasses import dataclass

from minzheng.accounts.enums import Capability
from minzheng.accounts.permissions import Actor, jurisdiction_range
from minzheng.divisions.selectors import division_names
from minzheng.profiling.enums import COLOUR_LABELS, COLOURS, TYPE_LABELS, TYPES
from minzheng.profiling.selectors import profile_tallies

# Division codes: 6 digits of county, 3 of 镇街, 3 of 村社.
TOWNSHIP_SPAN = 1000


@dataclass(frozen=True)
class TallyRow:
    code: int
    name: str
    by_type: dict[str, int]  # TYPES code → households (primary type)
    by_colour: dict[str, int]  # COLOURS code → households
    total: int

    @property
    def type_cells(self) -> list[tuple[str, int]]:
        return [(str(TYPE_LABELS[code]), self.by_type[code]) for code in TYPES]

    @property
    def colour_cells(self) -> list[tuple[str, int]]:
        """Red first: the order every colour table and chart of the dashboard uses."""
        return [(str(COLOUR_LABELS[code]), self.by_colour[code]) for code in reversed(COLOURS)]


@dataclass(frozen=True)
class ProfileBoard:
    rows: list[TallyRow]  # per 镇街, or per 村社 of ``township``
    total: TallyRow
    township: int | None


def _row(code: int, name: str, cells: list[tuple[str, str, int]]) -> TallyRow:
    by_type = dict.fromkeys(TYPES, 0)
    by_colour = dict.fromkeys(COLOURS, 0)
    for primary, colour, households in cells:
        by_type[primary] += households
        by_colour[colour] += households
    return TallyRow(code, name, by_type, by_colour, sum(by_type.values()))


def profile_board(*, actor: Actor, township: int | None = None) -> ProfileBoard:
    """Households in difficulty by primary type and colour, per 镇街 (or per 村社 of one)."""
    low, high = jurisdiction_range(actor=actor, capability=Capability.PROFILE_VIEW)
    if township is not None and low <= township <= high:
        low, high = township, township + TOWNSHIP_SPAN - 1
    else:
        township = None
    grouped: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
    everything: list[tuple[str, str, int]] = []
    for tally in profile_tallies(low=low, high=high):
        key = (
            tally.division_code
            if township
            else tally.division_code // TOWNSHIP_SPAN * TOWNSHIP_SPAN
        )
        grouped[key].append((tally.primary, tally.colour, tally.households))
        everything.append((tally.primary, tally.colour, tally.households))
    names = division_names(codes=list(grouped))
    rows = [_row(code, names.get(code, str(code)), grouped[code]) for code in sorted(grouped)]
    return ProfileBoard(rows, _row(0, "", everything), township)
