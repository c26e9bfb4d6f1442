"""Reading feed imports for the import pages, and an import's linked rows for its consumer."""

import datetime as dt
import uuid
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import jurisdiction_range
from minzheng.integration.enums import RUNNING_STATUSES, MatchStatus
from minzheng.integration.heartbeat import heartbeat_read, import_stalled
from minzheng.integration.models import FeedImport, StagedRecord


def feed_import_list(*, actor: User) -> QuerySet[FeedImport]:
    """Imports by anyone inside the actor's jurisdiction, and the system's own (the demo)."""
    low, high = jurisdiction_range(actor=actor, capability=Capability.FEED_IMPORT)
    return FeedImport.objects.filter(
        uploaded_by__jurisdiction__code__range=(low, high)
    ) | FeedImport.objects.filter(uploaded_by__isnull=True)


@dataclass(frozen=True)
class StepProgress:
    """Where a running step stands, as its worker last said; ``stalled``: it stopped saying."""

    percent: int
    label: str
    beat_at: dt.datetime | None
    stalled: bool


def feed_import_progress(*, feed_import: FeedImport) -> StepProgress | None:
    """The progress of the running step, or None when nothing runs."""
    if feed_import.status not in RUNNING_STATUSES:
        return None
    beat = heartbeat_read(feed_import.id)
    stalled = import_stalled(feed_import)
    if beat is None or beat.attempt != feed_import.attempt:
        return StepProgress(0, str(_("排队中")), None, stalled)
    return StepProgress(beat.percent, beat.label, beat.at, stalled)


class RowClass(StrEnum):
    """What the import page counts its rows as; each count lists its rows."""

    INVALID = MatchStatus.INVALID.value
    MATCHED = MatchStatus.MATCHED.value
    REVIEW = MatchStatus.REVIEW.value
    UNMATCHED = MatchStatus.UNMATCHED.value
    WARNED = "warned"  # valid rows with a warning (the ID's area code in doubt, say)


ROW_CLASS_LABELS: dict[RowClass, Promise] = {
    RowClass.INVALID: _("有误行(不入库)"),
    RowClass.MATCHED: _("已匹配"),
    RowClass.REVIEW: _("待人工审核"),
    RowClass.UNMATCHED: _("户籍中未找到"),
    RowClass.WARNED: _("带提示的行"),
}


@dataclass(frozen=True)
class RowCount:
    row_class: RowClass
    label: Promise
    count: int


def feed_import_row_counts(*, feed_import: FeedImport) -> list[RowCount]:
    """How many staged rows fall in each class, as the rows stand now (reviews applied)."""
    by_status = dict(
        StagedRecord.objects.filter(feed_import=feed_import)
        .values_list("match_status")
        .annotate(count=Count("id"))
        .values_list("match_status", "count")
    )
    counts = {row_class: by_status.get(row_class.value, 0) for row_class in RowClass}
    counts[RowClass.WARNED] = feed_import_rows(
        feed_import=feed_import, row_class=RowClass.WARNED
    ).count()
    return [RowCount(c, ROW_CLASS_LABELS[c], counts[c]) for c in RowClass]


def feed_import_rows(*, feed_import: FeedImport, row_class: RowClass) -> QuerySet[StagedRecord]:
    """The rows of one class, in file order, with their problems."""
    rows = StagedRecord.objects.filter(feed_import=feed_import)
    if row_class == RowClass.WARNED:
        rows = rows.exclude(match_status=MatchStatus.INVALID).exclude(errors=[])
    else:
        rows = rows.filter(match_status=row_class.value)
    return rows.order_by("row_number").only("row_number", "record_id", "match_status", "errors")


def feed_import_invalid_rows(*, feed_import: FeedImport) -> QuerySet[StagedRecord]:
    """Rows that will not be merged, in file order, with their problems."""
    return feed_import_rows(feed_import=feed_import, row_class=RowClass.INVALID)


@dataclass(frozen=True)
class MatchedRows:
    """An import's rows linked to a registry person without doubt, as columns, in file order.

    For the app a feed is meant for (cases takes the 在册对象 roll): ``items`` hold every
    item of the department's spec, the private ones (bank accounts) included.
    """

    row_number: list[int]
    record_id: list[str]
    person_id: list[uuid.UUID]
    items: list[dict[str, str | None]]


def feed_import_matched_rows(*, feed_import_id: uuid.UUID) -> MatchedRows:
    rows = (
        StagedRecord.objects.filter(feed_import_id=feed_import_id, match_status=MatchStatus.MATCHED)
        .order_by("row_number")
        .values_list("row_number", "record_id", "person_id", "items")
    )
    numbers, records, persons, items = [], [], [], []
    for number, record_id, person_id, values in rows.iterator(chunk_size=5_000):
        numbers.append(number)
        records.append(record_id)
        persons.append(person_id)
        items.append(values)
    return MatchedRows(numbers, records, persons, items)
