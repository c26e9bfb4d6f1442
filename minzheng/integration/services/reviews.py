"""Clerical review of uncertain pairs: a clerk decides, the staged record and its import follow."""

import uuid

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _

from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.clock import now
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError, NotFound
from minzheng.integration.enums import MatchStatus, ReviewStatus
from minzheng.integration.models import FeedImport, LinkReview, StagedRecord
from minzheng.integration.permissions import access_link_review

REVIEW_TARGET = "link_review"
QUEUE_TARGET = "link_review_queue"


class ReviewAlreadyDecided(ApplicationError):
    """A second decision on the same pair, typically a double click or two clerks at once."""

    status = 409

    def __init__(self, status: str) -> None:
        super().__init__(
            _("该匹配已审核，不能重复审核。"), code=ErrorCode.CONFLICT, extra={"status": status}
        )


def _staged_settle(*, staged_id: int, review: LinkReview, approve: bool) -> None:
    """Move the staged row out of review and shift its import's counters by one.

    A row no longer in review (a later linkage run settled it) is left alone: the decision
    still feeds the next run through ``link_review_decisions``. An import already merged takes
    the newly matched row at its next merge.
    """
    staged = StagedRecord.objects.select_for_update().filter(pk=staged_id).first()
    if staged is None or staged.match_status != MatchStatus.REVIEW:
        return
    staged.match_status = MatchStatus.MATCHED if approve else MatchStatus.UNMATCHED
    staged.person_id = review.person_id if approve else None
    staged.save(update_fields=["match_status", "person"])
    counter = "matched_count" if approve else "unmatched_count"
    # F() so that two clerks deciding rows of the same import never lose an update; Greatest
    # keeps a counter that drifted (a hand-edited row) from failing the positive check.
    FeedImport.objects.filter(pk=staged.feed_import_id).update(
        review_count=Greatest(F("review_count") - 1, Value(0)),
        **{counter: F(counter) + 1},
        updated_at=now(),
    )


@transaction.atomic
def link_review_decide(*, actor: User, review_id: uuid.UUID | str, approve: bool) -> LinkReview:
    """Record the clerk's answer to "is this record this person?".

    Rows are locked import first, then review, then staged record: the order in which
    discarding and merging an import lock them, so a decision never deadlocks with either.

    Raises:
        PermissionDenied: the actor reads the registry but may not review pairs.
        NotFound: no such review in the actor's jurisdiction (or discarded meanwhile).
        ReviewAlreadyDecided: the review was decided before (code ``conflict``); nothing changes.
    """
    seen = access_link_review(actor=actor, review_id=review_id)
    if seen.staged is not None:
        FeedImport.objects.select_for_update().filter(pk=seen.staged.feed_import_id).first()
    review = LinkReview.objects.select_for_update().filter(pk=seen.pk).first()
    if review is None:
        raise NotFound
    if review.status != ReviewStatus.PENDING:
        raise ReviewAlreadyDecided(review.status)
    old = review.status
    review.status = ReviewStatus.APPROVED if approve else ReviewStatus.REJECTED
    review.decided_by = actor
    review.decided_at = now()
    review.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    if review.staged_id is not None:
        _staged_settle(staged_id=review.staged_id, review=review, approve=approve)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target_type=REVIEW_TARGET,
        target_id=review.pk,
        division_code=review.division_code,
        changes={"status": [str(old), str(review.status)]},
    )
    return review


@transaction.atomic
def link_review_queue_view_record(
    *, actor: User, department: str, feed_import_id: uuid.UUID | None, page: int, results: int
) -> None:
    """Note that the actor opened the queue (PIPL: reads of personal data are logged).

    Only the filter and the number of cards are kept, never whom the cards were about.
    """
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target_type=QUEUE_TARGET,
        changes={
            "department": department,
            "feed_import": str(feed_import_id or ""),
            "page": page,
            "results": results,
        },
    )
