"""API shapes of the clerical review queue. Identifiers leave the server masked."""

import datetime as dt
import uuid

from ninja import Schema
from pydantic import Field

from minzheng.core.pagination import PageNumber
from minzheng.integration.enums import Department


class ReviewRecordOut(Schema):
    """The department's row as it was read (its staged record)."""

    feed_import_id: uuid.UUID
    row_number: int
    name: str
    id_number_masked: str
    gender: str
    birth_date: dt.date | None
    phone: str
    address: str


class ReviewCandidateOut(Schema):
    """The registry person linkage proposed, with their current household."""

    id: uuid.UUID
    name: str
    id_number_masked: str
    gender: str
    birth_date: dt.date | None
    phone: str
    household_id: uuid.UUID | None
    household_number: str
    address: str
    village_name: str


class LinkReviewOut(Schema):
    id: uuid.UUID
    department: str
    record_id: str
    match_probability: float
    status: str
    decided_at: dt.datetime | None
    # None once the import the record came from was deleted; the pair can still be decided.
    record: ReviewRecordOut | None
    candidate: ReviewCandidateOut
    # Linkage fields whose values disagree after normalisation (繁→简, ID and phone digits).
    differing_fields: list[str]


class LinkReviewPageOut(Schema):
    page: int
    has_next: bool
    results: list[LinkReviewOut]


class LinkReviewQuery(Schema):
    department: Department | None = None
    feed_import: uuid.UUID | None = None
    page: PageNumber = 1


class LinkReviewDecisionIn(Schema):
    # Strict: "true" or 1 is refused rather than read as a decision about a person.
    approve: bool = Field(strict=True)
