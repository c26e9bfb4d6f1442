"""Department values in bulk, for the rules: the latest record per person, as columns."""

import datetime as dt
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from numpy.typing import NDArray

from minzheng.integration.enums import Department
from minzheng.integration.models import DataItem


@dataclass(frozen=True)
class ItemRows:
    """One row per value of ``key``, from each person's latest records of the department.

    A person may have several records of the same date (one per vehicle); all are kept.
    """

    department: str
    key: str
    person_id: list[uuid.UUID]
    as_of: NDArray[np.datetime64]
    number: NDArray[np.float64]  # NaN where blank or not a number
    text: list[str]


def latest_item_rows(
    *,
    department: Department,
    key: str,
    as_of: dt.date,
    person_ids: Collection[uuid.UUID] | None = None,
) -> ItemRows:
    """``key`` from ``department``'s records dated on or before ``as_of``, the latest per person."""
    items = DataItem.objects.filter(
        key=key, source_record__department=department, source_record__as_of__lte=as_of
    )
    if person_ids is not None:
        items = items.filter(source_record__person_id__in=list(person_ids))
    rows = list(
        items.values_list("source_record__person_id", "source_record__as_of", "number", "text")
    )
    dates = np.array([row[1] for row in rows], dtype="datetime64[D]")
    people = [row[0] for row in rows]
    keep = _latest_per_person(people, dates)
    return ItemRows(
        department=department,
        key=key,
        person_id=[people[i] for i in keep.tolist()],
        as_of=dates[keep],
        number=np.array([_number(rows[i][2]) for i in keep.tolist()], dtype=np.float64).reshape(-1),
        text=[rows[i][3] for i in keep.tolist()],
    )


def _number(value: Decimal | None) -> float:
    return float("nan") if value is None else float(value)


def _latest_per_person(people: list[uuid.UUID], dates: NDArray[np.datetime64]) -> NDArray[np.int64]:
    """Rows whose date is their person's latest."""
    numbering: dict[uuid.UUID, int] = {}
    person_index = np.array([numbering.setdefault(p, len(numbering)) for p in people], np.int64)
    days = dates.astype(np.int64)
    latest = np.full(len(numbering), np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(latest, person_index, days)
    return np.flatnonzero(days == latest[person_index]) if people else np.zeros(0, np.int64)
