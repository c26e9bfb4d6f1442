"""How often a household is visited, by its colour (domain §2.3 and §8, 民政 visit tiers).

红 (高风险): the first visit within 24 hours of the event that made the household red, then at
least weekly; 黄 (重点): at least monthly; 绿 (一般): at least quarterly. The one table of it.
"""

import datetime as dt

from minzheng.visits.enums import Colour

INTERVALS: dict[int, dt.timedelta] = {
    Colour.RED: dt.timedelta(days=7),
    Colour.YELLOW: dt.timedelta(days=30),
    Colour.GREEN: dt.timedelta(days=90),
}
FIRST_VISIT: dict[int, dt.timedelta] = {
    Colour.RED: dt.timedelta(hours=24),
    Colour.YELLOW: dt.timedelta(days=30),
    Colour.GREEN: dt.timedelta(days=90),
}
# The due list shows what falls due within this window, overdue plans first.
DUE_WINDOW = dt.timedelta(days=7)


def interval(colour: int) -> dt.timedelta:
    """The longest gap allowed between two visits of a household of ``colour``."""
    return INTERVALS[colour]


def first_due(*, colour: int, event_at: dt.datetime) -> dt.datetime:
    """When the first visit falls due after the event that gave the household its colour."""
    return event_at + FIRST_VISIT[colour]
