"""Reads of the working-day calendar: is a day worked, and which day is N working days on.

A day is a working day when a ``CalendarDay`` row says so, or, without a row, when it falls
on Monday to Friday. A year without any row therefore counts as plain Monday–Friday;
``calendar_year_is_maintained`` tells callers and pages when that fallback is in force.
"""

import datetime as dt

from minzheng.workdays.contracts import CalendarException, CalendarYear
from minzheng.workdays.enums import DayKind
from minzheng.workdays.models import CalendarDay

ONE_DAY = dt.timedelta(days=1)
# A window of this many days beyond ``n * 3 / 2`` holds n working days under any official
# arrangement: the longest break (春节, 9 days) plus a year's worth of other holidays.
WINDOW_SLACK_DAYS = 31


def _exceptions_between(*, first: dt.date, last: dt.date) -> dict[dt.date, bool]:
    """Whether each exceptional day from ``first`` to ``last`` is worked, in one query."""
    rows = CalendarDay.objects.between(first, last).values_list("date", "kind")
    return {day: kind == DayKind.WORKDAY for day, kind in rows}


def _is_working(day: dt.date, exceptions: dict[dt.date, bool]) -> bool:
    found = exceptions.get(day)
    return found if found is not None else day.weekday() < 5


def _weekdays_through(day: dt.date) -> int:
    """How many Mondays to Fridays lie from 0001-01-01 (a Monday) to ``day``, inclusive."""
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


def _working_days_in(*, after: dt.date, last: dt.date, exceptions: dict[dt.date, bool]) -> int:
    """Working days in (after, last], given every exception in that range."""
    count = _weekdays_through(last) - _weekdays_through(after)
    for day, is_working in exceptions.items():
        count += int(is_working) - int(day.weekday() < 5)
    return count


def working_day_is(*, day: dt.date) -> bool:
    """True when ``day`` is worked: a 调休 weekend day, or a weekday that is no holiday."""
    return _is_working(day, _exceptions_between(first=day, last=day))


def working_days_add(*, start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start``; ``start`` itself is not counted.

    With ``days=0`` it is ``start`` when that is a working day, else the next working day,
    so a deadline that falls on a holiday moves to the day work resumes. The calendar rows
    for a window long enough for any official arrangement are read in one query; only a
    calendar with unusually long breaks needs a further query per further window.

    Raises ValueError for a negative ``days``.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    needed, cursor = (1, start) if days == 0 else (days, start + ONE_DAY)
    while True:
        last = cursor + dt.timedelta(days=needed * 3 // 2 + WINDOW_SLACK_DAYS)
        exceptions = _exceptions_between(first=cursor, last=last)
        while cursor <= last:
            if _is_working(cursor, exceptions):
                needed -= 1
                if needed == 0:
                    return cursor
            cursor += ONE_DAY


def working_days_between(*, start: dt.date, end: dt.date) -> int:
    """The number of working days in (start, end]: after ``start``, up to ``end`` included.

    The count is negative when ``end`` lies before ``start`` (an overdue deadline), so that
    ``working_days_add(start=s, days=working_days_between(start=s, end=e)) == e`` for every
    working day ``e`` after ``s``. One query.
    """
    if end < start:
        return -working_days_between(start=end, end=start)
    exceptions = _exceptions_between(first=start + ONE_DAY, last=end)
    return _working_days_in(after=start, last=end, exceptions=exceptions)


def calendar_year_is_maintained(*, year: int) -> bool:
    """False when ``year`` has no row, so its days follow plain Monday–Friday.

    Every official notice moves at least one weekday off, so a year whose notice has been
    entered always has rows.
    """
    return CalendarDay.objects.in_year(year).exists()


def calendar_year(*, year: int) -> CalendarYear:
    """The year's holidays and 调休 days in date order, with their totals; one query."""
    rows = list(CalendarDay.objects.in_year(year).order_by("date"))
    days = tuple(
        CalendarException(
            date=row.date,
            kind=row.kind,
            kind_label=str(DayKind(row.kind).label),
            name=row.name,
            is_working=row.is_working,
        )
        for row in rows
    )
    working = _working_days_in(
        after=dt.date(year - 1, 12, 31),
        last=dt.date(year, 12, 31),
        exceptions={day.date: day.is_working for day in days},
    )
    return CalendarYear(
        year=year,
        is_maintained=bool(days),
        days=days,
        holiday_count=sum(1 for day in days if not day.is_working),
        workday_count=sum(1 for day in days if day.is_working),
        working_day_count=working,
    )
