"""在册对象: the 复核 worklist, scoped to the actor's jurisdiction, and the roll's bank accounts."""

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from minzheng.accounts.permissions import Actor
from minzheng.cases.enums import CaseloadReviewStatus
from minzheng.cases.models import CaseloadEntry, CaseloadReview
from minzheng.cases.permissions import caseload_review_scope

PAGE_SIZE = 30


@dataclass(frozen=True)
class CaseloadReviewPage:
    rows: list[CaseloadReview]
    page: int
    has_next: bool


def caseload_reviews_pending(*, actor: Actor, page: int) -> CaseloadReviewPage:
    """Items to resolve, oldest first, with the roll's entries beside; three queries a page."""
    low, high = caseload_review_scope(actor=actor)
    start = (page - 1) * PAGE_SIZE
    rows = list(
        CaseloadReview.objects.filter(
            status=CaseloadReviewStatus.PENDING, household__division__code__range=(low, high)
        )
        .select_related("application_item__item", "household")
        .prefetch_related("application_item__caseload_entries")
        .order_by("created_at", "id")[start : start + PAGE_SIZE + 1]
    )
    return CaseloadReviewPage(rows=rows[:PAGE_SIZE], page=page, has_next=len(rows) > PAGE_SIZE)


@dataclass(frozen=True)
class RollAccount:
    person_id: uuid.UUID
    kind: str  # 社保卡 or 惠民惠农一卡通, as the roll wrote it
    bank: str
    number: str
    holder_name: str


def caseload_bank_accounts(*, since: dt.datetime | None = None) -> Iterator[RollAccount]:
    """The bank accounts the roll names, one per person (the last imported), for the payments
    app to take over; ``since`` limits them to entries written after it.

    System use only: the numbers are in clear, so callers must mask them in pages and logs.
    """
    entries = CaseloadEntry.objects.exclude(account_number="")
    if since is not None:
        entries = entries.filter(updated_at__gt=since)
    seen: set[uuid.UUID] = set()
    for person_id, kind, bank, number, holder in (
        entries.order_by("person_id", "-updated_at")
        .values_list("person_id", "account_kind", "bank", "account_number", "account_holder")
        .iterator(chunk_size=5_000)
    ):
        if person_id in seen:
            continue
        seen.add(person_id)
        yield RollAccount(person_id, kind, bank, number, holder)
