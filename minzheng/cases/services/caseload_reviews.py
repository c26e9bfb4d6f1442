"""Resolving a 在册复核 item: keep the migrated benefit as it is, or put it to 动态管理.

Either way a worker writes why, and one audit record says who decided what. Starting a review
proposes to the county what the rules say (停发 for an ineligible household, the rules'
amount for a different one, 维持 when the rules cannot judge); the county decides it on the
动态管理 page like any other proposal, so nothing is paid differently here.
"""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.accounts.models import User
from minzheng.cases.enums import (
    CaseloadFinding,
    CaseloadReviewStatus,
    ReviewKind,
    ReviewStatus,
    ReviewTrigger,
)
from minzheng.cases.models import BenefitReview, CaseloadReview, PaymentSchedule
from minzheng.cases.review_cases import review_months
from minzheng.core.audit import audit_record
from minzheng.core.clock import now, today
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError
from minzheng.core.months import month_after
from minzheng.eligibility.selectors import current_judgement_sentences

CASELOAD_REVIEW_TARGET = "cases.caseload_review"


@transaction.atomic
def caseload_review_resolve(
    *, actor: User, review: CaseloadReview, keep: bool, reason: str
) -> CaseloadReview:
    """Keep the benefit (with a reason) or start a 动态管理 review of it.

    ``review`` comes from ``access_caseload_review``; it is locked again here.
    """
    review = CaseloadReview.objects.select_for_update().get(pk=review.pk)
    if review.status != CaseloadReviewStatus.PENDING:
        raise ApplicationError(_("该复核事项已经处理过。"), code=ErrorCode.CONFLICT)
    reason = reason.strip()
    if not reason:
        message = _("请写明处理意见。")
        raise ApplicationError(message, fields={"reason": message})
    if keep:
        review.status = CaseloadReviewStatus.KEPT
    else:
        review.benefit_review = _benefit_review_open(review, reason)
        review.status = CaseloadReviewStatus.REVIEWING
    review.resolved_by = actor
    review.resolved_at = now()
    review.resolution_reason = reason
    review.save(
        update_fields=[
            "status",
            "benefit_review",
            "resolved_by",
            "resolved_at",
            "resolution_reason",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target_type=CASELOAD_REVIEW_TARGET,
        target_id=review.pk,
        changes={
            "status": [CaseloadReviewStatus.PENDING, review.status],
            "findings": review.findings,
            "benefit_review": str(review.benefit_review_id or ""),
        },
    )
    return review


def _benefit_review_open(review: CaseloadReview, reason: str) -> BenefitReview:
    schedule = (
        PaymentSchedule.objects.select_for_update()
        .select_related("application_item__application")
        .filter(application_item_id=review.application_item_id)
        .first()
    )
    if schedule is None:
        raise ApplicationError(
            _("低保边缘认定没有发放计划，不能转入动态管理；请维持现状或通过新申请重新认定。"),
            code=ErrorCode.CONFLICT,
        )
    if BenefitReview.objects.filter(schedule=schedule, status=ReviewStatus.PROPOSED).exists():
        raise ApplicationError(_("该待遇已有待审批的动态管理复核。"), code=ErrorCode.CONFLICT)
    current = schedule.monthly_amount
    if review.rules_eligible is False:
        kind, after = ReviewKind.STOP, Decimal(0)
    elif CaseloadFinding.AMOUNT_DIFFERS in review.findings and review.rules_amount is not None:
        after = review.rules_amount + (current - review.roll_amount)  # care allowance kept
        kind = ReviewKind.INCREASE if after > current else ReviewKind.DECREASE
    else:
        kind, after = ReviewKind.CONTINUE, current
    case = schedule.application_item.application.case
    judged = current_judgement_sentences(household_ids={review.household_id})
    sentences = judged.get(review.household_id, {}).get(review.rules_programme, [])
    return BenefitReview.objects.create(
        schedule=schedule,
        household_id=review.household_id,
        trigger=ReviewTrigger.PERIODIC,
        kind=kind,
        amount_before=current,
        amount_after=after,
        effective_month=month_after(today()),
        review_months=review_months(case, today()),
        case=case,
        reasons=[],
        explanation=[*sentences, _("在册复核意见：%(reason)s") % {"reason": reason}],
        changes=[{"trigger": ReviewTrigger.PERIODIC.value, "findings": review.findings}],
    )
