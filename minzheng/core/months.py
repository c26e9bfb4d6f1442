"""Calendar months for schedules and reviews: benefits start, stop and fall due by month."""

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` (negative goes back), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def month_after(day: dt.date) -> dt.date:
    """The first day of the month after ``day``: benefits start the month after approval."""
    return add_months(day.replace(day=1), 1)


def month_before(month: dt.date) -> dt.date:
    """The first day of the month before ``month``."""
    return add_months(month.replace(day=1), -1)


def month_parse(raw: str) -> dt.date | None:
    """The first day of the month a form's ``YYYY-MM`` names, or None when blank or malformed."""
    try:
        return dt.datetime.strptime(raw.strip(), "%Y-%m").date()  # noqa: DTZ007 (a month)
    except ValueError:
        return None
