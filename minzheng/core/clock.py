"""The one clock for business code, so tests can freeze it and deadlines share a zone."""

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    return timezone.now()


def today() -> dt.date:
    return timezone.localdate(now())


def day_start(day: dt.date) -> dt.datetime:
    """Local midnight starting ``day``, the moment a day's events are taken to happen."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())
