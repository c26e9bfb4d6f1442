"""Reading feed imports for the import pages, and an import's linked rows for its consumer."""

import uuid
from dataclasses import dataclass

from django.db.models import QuerySet

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import jurisdiction_range
from minzheng.integration.enums import MatchStatus
from minzheng.integration.models import FeedImport, StagedRecord


def feed_import_list(*, actor: User) -> QuerySet[FeedImport]:
    """Imports by anyone inside the actor's jurisdiction, and the system's own (the demo)."""
    low, high = jurisdiction_range(actor=actor, capability=Capability.FEED_IMPORT)
    return FeedImport.objects.filter(
        uploaded_by__jurisdiction__code__range=(low, high)
    ) | FeedImport.objects.filter(uploaded_by__isnull=True)


def feed_import_invalid_rows(*, feed_import: FeedImport) -> QuerySet[StagedRecord]:
    """Rows that will not be merged, in file order, with their problems."""
    return (
        StagedRecord.objects.filter(feed_import=feed_import, match_status=MatchStatus.INVALID)
        .order_by("row_number")
        .only("row_number", "record_id", "errors")
    )


def feed_import_warned_rows(*, feed_import: FeedImport) -> QuerySet[StagedRecord]:
    """Valid rows that carry warnings (an ID number failing its checksum, say)."""
    return (
        StagedRecord.objects.filter(feed_import=feed_import)
        .exclude(match_status=MatchStatus.INVALID)
        .exclude(errors=[])
        .order_by("row_number")
        .only("row_number", "record_id", "errors")
    )


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
