"""How often a household is visited, by its colour (the 民政 visit tiers 高风险/重点/一般).

红 (高风险): the first visit within 24 hours of the event that made the household red, then at
least weekly; 黄 (重点): at least monthly; 绿 (一般): at least quarterly. The shipped numbers
are in ``rule_values.yaml`` (ADR 0034); the county admin sets other values per region from a
date (``visits.cadence``).
"""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from minzheng.core.rule_values import RULE_FILE_NAME, load
from minzheng.visits.enums import Colour

# The shipped numbers, with their start and reference (ADR 0034).
SHIPPED_VALUES = load(Path(__file__).with_name(RULE_FILE_NAME))
INTERVAL_DAYS: dict[int, int] = {
    colour: SHIPPED_VALUES.integer(f"interval_days.{colour.name.lower()}") for colour in Colour
}
FIRST_VISIT_HOURS: dict[int, int] = {
    colour: SHIPPED_VALUES.integer(f"first_visit_hours.{colour.name.lower()}") for colour in Colour
}
# The due list shows what falls due within this window, overdue plans first.
DUE_WINDOW = dt.timedelta(days=7)


@dataclass(frozen=True)
class Cadence:
    """Per colour: the longest gap between two visits, and the first visit after an event."""

    interval_days: dict[int, int]
    first_visit_hours: dict[int, int]

    def interval(self, colour: int) -> dt.timedelta:
        """The longest gap allowed between two visits of a household of ``colour``."""
        return dt.timedelta(days=self.interval_days[colour])

    def first_due(self, *, colour: int, event_at: dt.datetime) -> dt.datetime:
        """When the first visit falls due after the event that gave the household its colour."""
        return event_at + dt.timedelta(hours=self.first_visit_hours[colour])


SHIPPED = Cadence(INTERVAL_DAYS, FIRST_VISIT_HOURS)
