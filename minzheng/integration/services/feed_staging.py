"""Writing a feed's checked and linked rows to the staging table, and the pairs for review."""

import json
import uuid
from collections import Counter
from collections.abc import Mapping

from minzheng_pipeline import AUTO_MATCH_PROBABILITY, REVIEW_PROBABILITY

from minzheng.core.bulk import Constant, TableLoad, write_table
from minzheng.integration.enums import MatchStatus, ReviewStatus
from minzheng.integration.models import FeedImport, LinkReview, StagedRecord
from minzheng.integration.services.feed_linkage import Link
from minzheng.integration.services.feed_rows import CheckedRow
from minzheng.registry.models import Membership


def rows_stage(
    feed_import: FeedImport,
    rows: list[CheckedRow],
    links: Mapping[str, Link],
    address_of: Mapping[str, uuid.UUID | None],
) -> Counter[str]:
    """Write the staged rows and the review pairs; returns the count per match status."""
    statuses: list[str] = []
    persons: list[str | None] = []
    probabilities: list[float | None] = []
    for row in rows:
        link = links.get(row.values["record_id"]) if row.is_valid else None
        status = _match_status(row, link)
        statuses.append(status)
        keep = link is not None and status in {MatchStatus.MATCHED, MatchStatus.REVIEW}
        persons.append(uuid_hex(link.person_id) if keep and link else None)
        probabilities.append(link.probability if link is not None else None)
    write_table(
        TableLoad(
            StagedRecord,
            len(rows),
            {
                "feed_import_id": Constant(feed_import.id.hex),
                "row_number": [row.row_number for row in rows],
                "record_id": [row.values["record_id"] for row in rows],
                "name": [row.values["name"] for row in rows],
                "id_number": [row.values["id_number"] for row in rows],
                "gender": [row.values["gender"] for row in rows],
                "birth_date": [
                    row.birth_date.isoformat() if row.birth_date else None for row in rows
                ],
                "phone": [row.values["phone"] for row in rows],
                "address": [row.values["address"] for row in rows],
                "items": [json.dumps(row.items, ensure_ascii=False) for row in rows],
                "errors": [
                    json.dumps([p.as_json() for p in row.problems], ensure_ascii=False)
                    for row in rows
                ],
                "match_status": statuses,
                "person_id": persons,
                "match_probability": probabilities,
                "standard_address_id": [
                    uuid_hex(address_of.get(row.values["address"])) for row in rows
                ],
            },
        ),
        progress=False,
    )
    _reviews_open(feed_import, rows, statuses, links)
    return Counter(statuses)


def uuid_hex(value: uuid.UUID | str | None) -> str | None:
    if value is None:
        return None
    return (value if isinstance(value, uuid.UUID) else uuid.UUID(value)).hex


def _match_status(row: CheckedRow, link: Link | None) -> str:
    if not row.is_valid:
        return MatchStatus.INVALID
    if link is None or link.probability < REVIEW_PROBABILITY:
        return MatchStatus.UNMATCHED
    if link.probability >= AUTO_MATCH_PROBABILITY:
        return MatchStatus.MATCHED
    return MatchStatus.REVIEW


def _reviews_open(
    feed_import: FeedImport,
    rows: list[CheckedRow],
    statuses: list[str],
    links: Mapping[str, Link],
) -> None:
    """One pending review per uncertain row; a pair already pending is pointed at this row."""
    uncertain = {
        row.values["record_id"]: row
        for row, status in zip(rows, statuses, strict=True)
        if status == MatchStatus.REVIEW
    }
    if not uncertain:
        return
    staged_ids = dict(
        StagedRecord.objects.filter(
            feed_import=feed_import, match_status=MatchStatus.REVIEW
        ).values_list("record_id", "id")
    )
    divisions = dict(
        Membership.objects.current()
        .filter(person_id__in={links[r].person_id for r in uncertain})
        .values_list("person_id", "household__division_id")
    )
    pending = {
        (record_id, str(person_id)): review_id
        for review_id, record_id, person_id in LinkReview.objects.filter(
            department=feed_import.department,
            record_id__in=list(uncertain),
            status=ReviewStatus.PENDING,
        ).values_list("id", "record_id", "person_id")
    }
    new_reviews = []
    for record_id in uncertain:
        link = links[record_id]
        existing = pending.get((record_id, link.person_id))
        if existing is not None:
            LinkReview.objects.filter(id=existing).update(
                staged_id=staged_ids[record_id], match_probability=link.probability
            )
            continue
        new_reviews.append(
            LinkReview(
                department=feed_import.department,
                record_id=record_id,
                staged_id=staged_ids[record_id],
                person_id=link.person_id,
                division_code=divisions.get(uuid.UUID(link.person_id), 0),
                match_probability=link.probability,
            )
        )
    LinkReview.objects.bulk_create(new_reviews, batch_size=2_000)
