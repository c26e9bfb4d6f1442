"""The months still to pay, computed over whole columns (no loop per household).

A schedule owes every month from its ``first_month`` to its end (or the batch month). A month
is covered once a line that did not fail pays it. Almost every schedule's paid months run
without a gap from its first month, so one grouped query (count, first and last covered month
per schedule) tells what it still owes: the months after its last covered one. Only the few
schedules with a gap (a payment that failed, a month skipped) are read month by month.
"""

import datetime as dt
import uuid
from collections.abc import Iterable

import numpy as np
import pandas as pd
from django.db.models import Count, Max, Min

from minzheng.payments.enums import LineStatus
from minzheng.payments.models import PaymentLine

CHUNK = 2000


def month_index(values: pd.Series) -> pd.Series:
    """Months as integers (year × 12 + month − 1), so month ranges are integer ranges."""
    stamps = pd.to_datetime(values)
    return stamps.dt.year * 12 + stamps.dt.month - 1


def index_month(index: int) -> dt.date:
    year, month = divmod(int(index), 12)
    return dt.date(year, month + 1, 1)


def _chunks(ids: list[uuid.UUID]) -> Iterable[list[uuid.UUID]]:
    for offset in range(0, len(ids), CHUNK):
        yield ids[offset : offset + CHUNK]


def _covered_summary(month: dt.date) -> pd.DataFrame:
    rows = list(
        PaymentLine.objects.exclude(status=LineStatus.FAILED)
        .filter(month__lte=month)
        .values("schedule_id")
        .annotate(count=Count("id"), low=Min("month"), high=Max("month"))
        .values_list("schedule_id", "count", "low", "high")
    )
    return pd.DataFrame(
        {
            "schedule_id": pd.Series([row[0] for row in rows], dtype=object),
            "covered": pd.Series([row[1] for row in rows], dtype="int64"),
            "low": pd.Series([_index(row[2]) for row in rows], dtype="float64"),
            "high": pd.Series([_index(row[3]) for row in rows], dtype="float64"),
        }
    )


def _index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _covered_pairs(schedule_ids: list[uuid.UUID], month: dt.date) -> set[tuple[uuid.UUID, int]]:
    pairs: set[tuple[uuid.UUID, int]] = set()
    for chunk in _chunks(schedule_ids):
        for schedule_id, paid_month in (
            PaymentLine.objects.exclude(status=LineStatus.FAILED)
            .filter(schedule_id__in=chunk, month__lte=month)
            .values_list("schedule_id", "month")
        ):
            pairs.add((schedule_id, paid_month.year * 12 + paid_month.month - 1))
    return pairs


def owed_months(schedules: pd.DataFrame, *, month: dt.date) -> pd.DataFrame:
    """One row per (schedule, month) still owed up to ``month``, with the schedule's columns.

    ``schedules`` has the columns of ``cases.selectors.schedules.SCHEDULE_COLUMNS``; the result
    adds ``month_index``.
    """
    target = month.year * 12 + month.month - 1
    frame = schedules.copy()
    frame["first"] = month_index(frame["first_month"])
    ends = month_index(frame["end_month"]).fillna(target)
    frame["last"] = np.minimum(ends.astype("int64"), target)
    frame = frame[frame["last"] >= frame["first"]]
    covered = _covered_summary(month)
    frame = frame.merge(covered, on="schedule_id", how="left")
    frame["covered"] = frame["covered"].fillna(0).astype("int64")
    none = frame["covered"] == 0
    contiguous = (frame["low"] == frame["first"]) & (
        frame["covered"] == frame["high"] - frame["low"] + 1
    )
    frame["from"] = np.where(none, frame["first"], frame["high"].fillna(0) + 1).astype("int64")
    simple = frame[none | contiguous]
    simple = simple[simple["from"] <= simple["last"]]
    spans = (simple["last"] - simple["from"] + 1).to_numpy()
    owed = simple.loc[simple.index.repeat(spans)].copy()
    starts = np.repeat(simple["from"].to_numpy(), spans)
    offsets = np.arange(len(owed)) - np.repeat(np.cumsum(spans) - spans, spans)
    owed["month_index"] = starts + offsets
    gaps = frame[~(none | contiguous)]
    if len(gaps):
        owed = pd.concat([owed, _gap_months(gaps, month)], ignore_index=True)
    return owed.drop(
        columns=["first", "last", "covered", "low", "high", "from"], errors="ignore"
    ).reset_index(drop=True)


def _gap_months(gaps: pd.DataFrame, month: dt.date) -> pd.DataFrame:
    pairs = _covered_pairs(list(gaps["schedule_id"]), month)
    spans = (gaps["last"] - gaps["first"] + 1).to_numpy()
    every = gaps.loc[gaps.index.repeat(spans)].copy()
    every["month_index"] = np.repeat(gaps["first"].to_numpy(), spans) + (
        np.arange(len(every)) - np.repeat(np.cumsum(spans) - spans, spans)
    )
    keep = [
        (schedule_id, index) not in pairs
        for schedule_id, index in zip(every["schedule_id"], every["month_index"], strict=True)
    ]
    return every[keep]
