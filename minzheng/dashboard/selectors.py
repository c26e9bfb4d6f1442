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
from minzheng.divisions.selectors import division_names
from minzheng.monitoring.enums import Outcome
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


def _scope(*, low: int, high: int, township: int | None) -> tuple[int, int, int | None]:
    """Narrow the jurisdiction to one 镇街 inside it, or ignore a 镇街 outside it."""
    if township is not None and low <= township <= high:
        return township, township + TOWNSHIP_SPAN - 1, township
    return low, high, None


def _group_key(code: int, township: int | None) -> int:
    return code if township else code // TOWNSHIP_SPAN * TOWNSHIP_SPAN


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
    low, high, township = _scope(low=low, high=high, township=township)
    grouped: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
    everything: list[tuple[str, str, int]] = []
    for tally in profile_tallies(low=low, high=high):
        key = _group_key(tally.division_code, township)
        grouped[key].append((tally.primary, tally.colour, tally.households))
        everything.append((tally.primary, tally.colour, tally.households))
    names = division_names(codes=list(grouped))
    rows = [_row(code, names.get(code, str(code)), grouped[code]) for code in sorted(grouped)]
    return ProfileBoard(rows, _row(0, "", everything), township)


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
    rows: list[LoopRow]  # per 镇街, or per 村社 of ``township``
    total: LoopRow
    township: int | None
    computed_at: dt.datetime | None  # when the figures were computed; None before any refresh
    median_lead_days: float | None
    lead_warnings: int
    lead_buckets: list[tuple[str, int]] = field(default_factory=list)

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
    low, high = jurisdiction_range(actor=actor, capability=Capability.WARNING_HANDLE)
    low, high, township = _scope(low=low, high=high, township=township)
    grouped: dict[int, list[dict[str, int]]] = defaultdict(list)
    everything: list[dict[str, int]] = []
    computed_at: dt.datetime | None = None
    for tally in LoopTally.objects.filter(division_code__range=(low, high)).values(
        "division_code", "computed_at", *LOOP_COLUMNS
    ):
        grouped[_group_key(tally["division_code"], township)].append(tally)
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
        township=township,
        computed_at=computed_at,
        median_lead_days=histogram_median(histogram),
        lead_warnings=sum(histogram.values()),
        lead_buckets=_buckets(histogram),
    )
