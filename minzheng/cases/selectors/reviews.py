"""动态管理 proposals waiting for the county, scoped to the actor's jurisdiction."""

from dataclasses import dataclass

from minzheng.accounts.permissions import Actor
from minzheng.cases.enums import ReviewStatus
from minzheng.cases.models import BenefitReview
from minzheng.cases.permissions import review_scope

PAGE_SIZE = 30


@dataclass(frozen=True)
class ReviewPage:
    rows: list[BenefitReview]
    page: int
    has_next: bool


def benefit_reviews_open(*, actor: Actor, page: int) -> ReviewPage:
    """Proposals to decide, oldest first; two queries whatever the page size."""
    low, high = review_scope(actor=actor)
    start = (page - 1) * PAGE_SIZE
    rows = list(
        BenefitReview.objects.filter(
            status=ReviewStatus.PROPOSED, household__division__code__range=(low, high)
        )
        .select_related("schedule__item", "household")
        .order_by("created_at", "id")[start : start + PAGE_SIZE + 1]
    )
    return ReviewPage(rows=rows[:PAGE_SIZE], page=page, has_next=len(rows) > PAGE_SIZE)
