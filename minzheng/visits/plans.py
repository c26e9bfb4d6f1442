"""How often a household is visited, by its colour (domain §2.3 and §8, 民政 visit tiers).

红 (高风险): the first visit within 24 hours of the event that made the household red, then at
least weekly; 黄 (重点): at least monthly; 绿 (一般): at least quarterly. This is the shipped
table; the county admin sets other values per region from a date (``visits.cadence``).
"""

import datetime as dt
from dataclasses import dataclass

from minzheng.profiling.enums import Colour

INTERVAL_DAYS: dict[int, int] = {Colour.RED: 7, Colour.YELLOW: 30, Colour.GREEN: 90}
FIRST_VISIT_HOURS: dict[int, int] = {Colour.RED: 24, Colour.YELLOW: 30 * 24, Colour.GREEN: 90 * 24}
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
