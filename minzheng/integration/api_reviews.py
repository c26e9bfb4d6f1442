"""REST endpoints of the clerical review queue; each validates, calls the core, returns."""

import uuid

from django.http import HttpRequest
from ninja import Query

from minzheng.accounts.api_auth import ScopedRouter, api_actor
from minzheng.accounts.enums import ApiScope
from minzheng.integration.schemas_reviews import (
    LinkReviewDecisionIn,
    LinkReviewOut,
    LinkReviewPageOut,
    LinkReviewQuery,
    ReviewCandidateOut,
    ReviewRecordOut,
)
from minzheng.integration.selectors.reviews import (
    ReviewCard,
    link_review_card,
    link_review_queue,
)
from minzheng.integration.services.reviews import (
    link_review_decide,
    link_review_queue_view_record,
)

router = ScopedRouter(
    read=ApiScope.REVIEWS_READ, write=ApiScope.REVIEWS_WRITE, tags=["integration"]
)


def _review_out(card: ReviewCard) -> LinkReviewOut:
    review, record, person, household = card.review, card.record, card.person, card.household
    return LinkReviewOut(
        id=review.pk,
        department=str(review.department),
        record_id=review.record_id,
        match_probability=review.match_probability,
        status=str(review.status),
        decided_at=review.decided_at,
        record=ReviewRecordOut(
            feed_import_id=record.feed_import_id,
            row_number=record.row_number,
            name=record.name,
            id_number_masked=card.field("id_number").record,
            gender=record.gender,
            birth_date=record.birth_date,
            phone=record.phone,
            address=record.address,
        )
        if record is not None
        else None,
        candidate=ReviewCandidateOut(
            id=person.pk,
            name=person.name,
            id_number_masked=person.id_number_masked,
            gender=person.gender,
            birth_date=person.birth_date,
            phone=person.phone,
            household_id=household.pk if household else None,
            household_number=household.number if household else "",
            address=card.field("address").registry,
            village_name=household.division.name if household else "",
        ),
        differing_fields=card.differing,
    )


@router.get("/reviews", response=LinkReviewPageOut)
def link_review_list(request: HttpRequest, params: Query[LinkReviewQuery]) -> LinkReviewPageOut:
    """Pending pairs in the caller's jurisdiction, oldest first, 20 a page."""
    actor = api_actor(request)
    result = link_review_queue(
        actor=actor,
        department=params.department,
        feed_import_id=params.feed_import,
        page=params.page,
    )
    link_review_queue_view_record(
        actor=actor,
        department=str(params.department or ""),
        feed_import_id=params.feed_import,
        page=result.page,
        results=len(result.cards),
    )
    return LinkReviewPageOut(
        page=result.page,
        has_next=result.has_next,
        results=[_review_out(card) for card in result.cards],
    )


@router.post("/reviews/{review_id}/decision", response=LinkReviewOut)
def link_review_decision(
    request: HttpRequest, review_id: uuid.UUID, payload: LinkReviewDecisionIn
) -> LinkReviewOut:
    """Approve (the same person) or reject a pair; a second decision is refused with 409."""
    actor = api_actor(request)
    review = link_review_decide(actor=actor, review_id=review_id, approve=payload.approve)
    return _review_out(link_review_card(actor=actor, review_id=review.pk))
