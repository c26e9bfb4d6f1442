"""The dashboard's tables, built from pre-computed aggregates only.

It reads profile tallies (written by each profile run), its own 预警/探访 tallies (written by
``services.loop_tallies_refresh``) and division names, groups them by 镇街 or by the 村社 of one
镇街, and shapes them for tables, charts and Excel. No read here scans the registry, the
warnings or the visits.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.permissions import Actor, jurisdiction_range
from minzheng.dashboard.models import LeadTimeTally, LoopTally
from minzheng.dashboard.services import OUTCOME_COLUMNS
from minzheng.divisions.enums import DivisionLevel
from minzheng.divisions.models import code_range
from minzheng.divisions.selectors import division_names
from minzheng.monitoring.enums import Outcome
from minzheng.profiling.enums import COLOUR_LABELS, COLOURS, TYPE_LABELS, TYPES
from minzheng.profiling.selectors import profile_tallies


@dataclass(frozen=True)
class Area:
    """The 村社 codes a board counts: the actor's jurisdiction, or one 镇街 inside it."""

    low: int
    high: int
    code: int  # the division the area is: the jurisdiction, or the 镇街 asked for
    narrowed: bool  # a 镇街 asked for narrowed the jurisdiction: the page links back

    @property
    def township(self) -> int | None:
        """The 镇街 whose 村社 are the rows when the area lies in one; None: rows are 镇街."""
        first, last = code_range(self.low, DivisionLevel.TOWNSHIP)
        return first if self.high <= last else None


def dashboard_area(*, actor: Actor, capability: Capability, township: int | None) -> Area:
    """The jurisdiction in which the actor holds ``capability``, narrowed by ``township``.

    A parameter may narrow the jurisdiction, never move or widen it: the 镇街 a code lies in is
    intersected with the jurisdiction, and one that does not overlap it is ignored. (Testing
    ``low <= township <= high`` alone let ``330482001999`` reach 999 codes into the next 镇街.)
    """
    low, high = jurisdiction_range(actor=actor, capability=capability)
    own = Area(low, high, code=low, narrowed=False)
    if township is None:
        return own
    first, last = code_range(township, DivisionLevel.TOWNSHIP)
    if first == code_range(township, DivisionLevel.COUNTY)[0]:
        return own  # a county's code, not a 镇街's
    low, high = max(low, first), min(high, last)
    if low > high or (low, high) == (own.low, own.high):
        return own  # outside the jurisdiction, or the whole of it
    return Area(low, high, code=first, narrowed=True)


def _group_key(code: int, township: int | None) -> int:
    """The row a 村社's figures go to: its own, or its 镇街's."""
    return code if township else code_range(code, DivisionLevel.TOWNSHIP)[0]


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
    rows: list[TallyRow]  # per 镇街, or per 村社 of ``area.township``
    total: TallyRow
    area: Area
    area_name: str

    @property
    def township(self) -> int | None:
        return self.area.township


def _row(code: int, name: str, cells: list[tuple[str, str, int]]) -> TallyRow:
    by_type = dict.fromkeys(TYPES, 0)
    by_colour = dict.fromkeys(COLOURS, 0)
    for primary, colour, households in cells:
        by_type[primary] += households
        by_colour[colour] += households
    return TallyRow(code, name, by_type, by_colour, sum(by_type.values()))


def profile_board(*, actor: Actor, township: int | None = None) -> ProfileBoard:
    """Households in difficulty by primary type and colour, per 镇街 (or per 村社 of one)."""
    area = dashboard_area(actor=actor, capability=Capability.PROFILE_VIEW, township=township)
    grouped: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
    everything: list[tuple[str, str, int]] = []
    for tally in profile_tallies(low=area.low, high=area.high):
        key = _group_key(tally.division_code, area.township)
        grouped[key].append((tally.primary, tally.colour, tally.households))
        everything.append((tally.primary, tally.colour, tally.households))
    names = division_names(codes=[*grouped, area.code])
    rows = [_row(code, names.get(code, str(code)), grouped[code]) for code in sorted(grouped)]
    return ProfileBoard(rows, _row(0, "", everything), area, names.get(area.code, ""))


# LoopTally's counting columns, in the order LoopRow.values keeps them.
LOOP_COLUMNS = (
    "warnings_open",
    "warnings_overdue",
    "warnings_closed",
    *OUTCOME_COLUMNS.values(),
    "closed_on_time",
    "visit_plans",
    "visits_overdue",
    "visits_recent",
)
# Lead-time buckets of the histogram chart: (label, last day included); None is open-ended.
LEAD_BUCKETS: tuple[tuple[Promise, int | None], ...] = (
    (_("7 天内"), 7),
    (_("8–15 天"), 15),
    (_("16–30 天"), 30),
    (_("31–60 天"), 60),
    (_("60 天以上"), None),
)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def percent(share: float | None) -> str:
    """A share as the page and the Excel sheet print it: "87.5%", or "—" without a base."""
    return "—" if share is None else f"{share * 100:.1f}%"


@dataclass(frozen=True)
class LoopRow:
    """预警 and 探访 figures of one 镇街 or 村社 (or the total, with code 0)."""

    code: int
    name: str
    values: dict[str, int]  # LOOP_COLUMNS → sum over the 村社 of the row

    @property
    def outcome_cells(self) -> list[tuple[str, int]]:
        return [
            (str(Outcome(outcome).label), self.values[column])
            for outcome, column in OUTCOME_COLUMNS.items()
        ]

    @property
    def warnings_pending(self) -> int:
        """Open warnings not past their due date."""
        return self.values["warnings_open"] - self.values["warnings_overdue"]

    @property
    def on_time_share(self) -> float | None:
        """Warnings closed by their first due date, over the warnings closed in the period."""
        return _share(self.values["closed_on_time"], self.values["warnings_closed"])

    @property
    def visit_share(self) -> float | None:
        """探访按期率: planned households whose visits are up to date, over planned households."""
        plans = self.values["visit_plans"]
        return _share(plans - self.values["visits_overdue"], plans)

    @property
    def on_time_percent(self) -> str:
        return percent(self.on_time_share)

    @property
    def visit_percent(self) -> str:
        return percent(self.visit_share)


def _loop_row(code: int, name: str, tallies: list[dict[str, int]]) -> LoopRow:
    values = dict.fromkeys(LOOP_COLUMNS, 0)
    for tally in tallies:
        for column in LOOP_COLUMNS:
            values[column] += tally[column]
    return LoopRow(code, name, values)


def histogram_median(histogram: dict[int, int]) -> float | None:
    """The exact median of values given as value → count; None when empty."""
    total = sum(histogram.values())
    if total == 0:
        return None
    ordered = sorted(day for day, count in histogram.items() if count > 0)

    def nth(index: int) -> int:
        seen = 0
        for day in ordered:
            seen += histogram[day]
            if seen > index:
                return day
        raise IndexError(index)  # pragma: no cover - index < total always

    middle = total // 2
    if total % 2:
        return float(nth(middle))
    return (nth(middle - 1) + nth(middle)) / 2


@dataclass(frozen=True)
class LoopBoard:
    rows: list[LoopRow]  # per 镇街, or per 村社 of ``area.township``
    total: LoopRow
    area: Area
    computed_at: dt.datetime | None  # when the figures were computed; None before any refresh
    median_lead_days: float | None
    lead_warnings: int
    lead_buckets: list[tuple[str, int]] = field(default_factory=list)

    @property
    def township(self) -> int | None:
        return self.area.township

    @property
    def on_time_percent(self) -> str:
        return self.total.on_time_percent

    @property
    def median_lead_label(self) -> str:
        if self.median_lead_days is None:
            return "—"
        return f"{self.median_lead_days:g}"


def _buckets(histogram: dict[int, int]) -> list[tuple[str, int]]:
    counts = [0] * len(LEAD_BUCKETS)
    for day, warnings in histogram.items():
        index = next(
            i for i, (_label, last) in enumerate(LEAD_BUCKETS) if last is None or day <= last
        )
        counts[index] += warnings
    return [(str(label), count) for (label, _last), count in zip(LEAD_BUCKETS, counts, strict=True)]


def loop_board(
    *, actor: Actor, township: int | None = None, known_names: dict[int, str] | None = None
) -> LoopBoard:
    """预警 (open, overdue, closed by outcome, on time), 探访按期 and lead time to assistance.

    Per 镇街, or per 村社 of one 镇街, inside the jurisdiction in which the actor handles
    warnings; read from the last refresh's tallies. Two queries (tallies, lead days), and a
    third for the division names not in ``known_names`` (the page passes the profile board's).
    """
    area = dashboard_area(actor=actor, capability=Capability.WARNING_HANDLE, township=township)
    low, high = area.low, area.high
    grouped: dict[int, list[dict[str, int]]] = defaultdict(list)
    everything: list[dict[str, int]] = []
    computed_at: dt.datetime | None = None
    for tally in LoopTally.objects.filter(division_code__range=(low, high)).values(
        "division_code", "computed_at", *LOOP_COLUMNS
    ):
        grouped[_group_key(tally["division_code"], area.township)].append(tally)
        everything.append(tally)
        computed_at = max(computed_at or tally["computed_at"], tally["computed_at"])
    histogram: dict[int, int] = defaultdict(int)
    for days, warnings in LeadTimeTally.objects.filter(
        division_code__range=(low, high)
    ).values_list("days", "warnings"):
        histogram[days] += warnings
    names = dict(known_names or {})
    missing = [code for code in grouped if code not in names]
    if missing:
        names |= division_names(codes=missing)
    return LoopBoard(
        rows=[
            _loop_row(code, names.get(code, str(code)), grouped[code]) for code in sorted(grouped)
        ],
        total=_loop_row(0, "", everything),
        area=area,
        computed_at=computed_at,
        median_lead_days=histogram_median(histogram),
        lead_warnings=sum(histogram.values()),
        lead_buckets=_buckets(histogram),
    )
