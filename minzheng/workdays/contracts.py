"""What the working-day calendar hands to other apps: plain frozen dataclasses."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CalendarException:
    """A day that departs from Monday–Friday: a holiday weekday or a 调休 weekend day."""

    date: dt.date
    kind: str  # a ``workdays.enums.DayKind`` value
    kind_label: str
    name: str
    is_working: bool


@dataclass(frozen=True, slots=True)
class CalendarYear:
    """One year's exceptions and what they add up to.

    ``is_maintained`` is False when the year has no row at all: the official notice has not
    been entered yet, and every count then follows plain Monday–Friday.
    """

    year: int
    is_maintained: bool
    days: tuple[CalendarException, ...]
    holiday_count: int
    workday_count: int
    working_day_count: int
