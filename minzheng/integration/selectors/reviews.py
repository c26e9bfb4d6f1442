"""Reads of the clerical review queue, scoped to the reviewer's jurisdiction.

A review is placed by ``division_code``, the 村(社区) of the candidate's household when linkage
proposed the pair, so a township clerk sees exactly the uncertain pairs about their own people.
"""

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Count, Prefetch, QuerySet
from django.utils.functional import Promise
from minzheng_pipeline.identifiers import mask

from minzheng.accounts.enums import Capability
from minzheng.accounts.permissions import Actor, jurisdiction_range
from minzheng.integration.comparison import (
    address_key,
    differ,
    gender_key,
    id_key,
    name_key,
    phone_key,
)
from minzheng.integration.departments import LINKAGE_LABELS
from minzheng.integration.enums import Department, ReviewStatus
from minzheng.integration.models import LinkReview, StagedRecord
from minzheng.integration.permissions import access_link_review
from minzheng.registry.models import Household, Membership, Person


class ReviewDecision(NamedTuple):
    record_id: str
    person_id: uuid.UUID
    approved: bool


def link_review_decisions(*, department: str) -> list[ReviewDecision]:
    """Every decided pair of the department, for the next linkage run to honour.

    A rejected pair stays rejected: the clerk is not asked again about the same record and
    person, whatever the feed's next file says.
    """
    rows = (
        LinkReview.objects.filter(department=department)
        .exclude(status=ReviewStatus.PENDING)
        .order_by("record_id", "decided_at", "id")
        .values_list("record_id", "person_id", "status")
    )
    return [
        ReviewDecision(record_id, person_id, status == ReviewStatus.APPROVED)
        for record_id, person_id, status in rows
    ]


# --- Cards: the department's record beside the registry's person -------------------------------


@dataclass(frozen=True)
class ComparedField:
    key: str
    label: Promise
    record: str  # the department's value as shown: identifiers masked
    registry: str
    differs: bool  # both sides known and unequal after normalisation


def _compared(
    key: str, record: str, registry: str, normalised: Callable[[str], str], *, shown: str = ""
) -> ComparedField:
    return ComparedField(
        key=key,
        label=LINKAGE_LABELS[key],
        record=record if key != "id_number" else mask(record),
        registry=shown or (registry if key != "id_number" else mask(registry)),
        differs=differ(normalised(record), normalised(registry)),
    )


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


@dataclass(frozen=True)
class ReviewCard:
    review: LinkReview
    record: StagedRecord | None  # None once its import was deleted; the decision still counts
    person: Person
    household: Household | None  # the candidate's current household, if any
    fields: tuple[ComparedField, ...]

    @property
    def percent(self) -> float:
        return round(self.review.match_probability * 100, 1)

    @property
    def differing(self) -> list[str]:
        return [field.key for field in self.fields if field.differs]

    def field(self, key: str) -> ComparedField:
        return next(field for field in self.fields if field.key == key)


def review_card(review: LinkReview) -> ReviewCard:
    """A review fetched through ``_card_queryset`` laid out field by field."""
    record = review.staged
    person = review.person
    memberships: list[Membership] = getattr(person, "current_memberships", [])
    household = memberships[0].household if memberships else None
    address = household.address.full_text if household and household.address else ""
    fields = (
        _compared("name", record.name if record else "", person.name, name_key),
        _compared("id_number", record.id_number if record else "", person.id_number, id_key),
        _compared(
            "gender",
            record.gender if record else "",
            person.gender,
            gender_key,
            shown=str(person.get_gender_display()),
        ),
        _compared(
            "birth_date",
            _date(record.birth_date if record else None),
            _date(person.birth_date),
            str,
        ),
        _compared("phone", record.phone if record else "", person.phone, phone_key),
        _compared("address", record.address if record else "", address, address_key),
    )
    return ReviewCard(review, record, person, household, fields)


def _card_queryset() -> QuerySet[LinkReview]:
    """Reviews with everything a card shows: three queries, however many reviews."""
    current = Membership.objects.current().select_related(
        "household__address", "household__division"
    )
    return LinkReview.objects.select_related(
        "staged__feed_import", "person", "decided_by"
    ).prefetch_related(Prefetch("person__memberships", current, to_attr="current_memberships"))


def link_review_card(*, actor: Actor, review_id: object) -> ReviewCard:
    """One review, pending or decided, as its card; NotFound outside the jurisdiction."""
    review = access_link_review(actor=actor, review_id=review_id)
    return review_card(_card_queryset().get(pk=review.pk))


# --- The queue ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewPage:
    cards: list[ReviewCard]
    page: int
    has_next: bool


def link_review_queue(
    *,
    actor: Actor,
    department: str | None = None,
    feed_import_id: uuid.UUID | None = None,
    page: int = 1,
    page_size: int = 20,
) -> ReviewPage:
    """Pending reviews in the actor's jurisdiction, oldest first, a page at a time.

    The page is fetched one row past its size to learn whether another follows; the per
    department counts of ``link_review_summary`` give the totals.
    """
    low, high = jurisdiction_range(actor=actor, capability=Capability.LINK_REVIEW)
    page = max(page, 1)
    reviews = _card_queryset().filter(status=ReviewStatus.PENDING, division_code__range=(low, high))
    if department:
        reviews = reviews.filter(department=department)
    if feed_import_id is not None:
        reviews = reviews.filter(staged__feed_import_id=feed_import_id)
    skip = (page - 1) * page_size
    rows = list(reviews.order_by("created_at", "id")[skip : skip + page_size + 1])
    return ReviewPage(
        [review_card(review) for review in rows[:page_size]], page, len(rows) > page_size
    )


@dataclass(frozen=True)
class ImportCount:
    feed_import_id: uuid.UUID | None  # None: the staged record is gone
    as_of: dt.date | None
    file_name: str
    pending: int


@dataclass(frozen=True)
class DepartmentCount:
    department: str
    label: str
    pending: int
    imports: tuple[ImportCount, ...]


def link_review_summary(*, actor: Actor) -> list[DepartmentCount]:
    """Pending reviews in the jurisdiction per department and per import, in one query."""
    low, high = jurisdiction_range(actor=actor, capability=Capability.LINK_REVIEW)
    rows = (
        LinkReview.objects.filter(status=ReviewStatus.PENDING, division_code__range=(low, high))
        .values(
            "department",
            "staged__feed_import_id",
            "staged__feed_import__as_of",
            "staged__feed_import__file_name",
        )
        .annotate(pending=Count("id"))
        .order_by("department", "staged__feed_import__as_of", "staged__feed_import_id")
    )
    grouped: dict[str, list[ImportCount]] = {}
    for row in rows:
        grouped.setdefault(row["department"], []).append(
            ImportCount(
                row["staged__feed_import_id"],
                row["staged__feed_import__as_of"],
                row["staged__feed_import__file_name"] or "",
                row["pending"],
            )
        )
    labels = dict(Department.choices)
    return [
        DepartmentCount(
            department,
            str(labels.get(department, department)),
            sum(item.pending for item in imports),
            tuple(imports),
        )
        for department, imports in grouped.items()
    ]
