"""动态管理: running benefits judged again when departments report a change or a review is due.

``benefit_reviews_propose`` re-judges every household with a running monthly benefit. It starts
from the case the county approved (with the values the caseworker entered during 核对) and
takes from the departments only what changed after that case's date: a member who died or
left, a new wage or pension, a vehicle, a property, new medical spending. The rules then
propose 增发, 减发, 停发 or 渐退 (when work lifts the family out, the benefit runs on for
``grace_months`` of ``cases/rule_values.yaml``), or 维持 at a due review. Nothing is paid
differently until the county approves a proposal (``benefit_review_decide``).
"""

import datetime as dt
import logging
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.accounts.models import User
from minzheng.cases.enums import (
    ItemKind,
    ReviewKind,
    ReviewStatus,
    ReviewTrigger,
    ScheduleStatus,
)
from minzheng.cases.models import BenefitReview, PaymentSchedule
from minzheng.cases.review_cases import CaseUpdate, case_update, review_months
from minzheng.cases.steps import SHIPPED
from minzheng.core.audit import audit_record
from minzheng.core.clock import now
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError
from minzheng.core.months import add_months, month_after, month_before
from minzheng.eligibility.selectors import registry_snapshot, snapshot_case_prefills
from minzheng.eligibility.services import cases_evaluate, result_explain
from minzheng.registry.selectors import persons_deceased

logger = logging.getLogger(__name__)
REVIEW_TARGET = "cases.benefit_review"
# Programmes a wage can lift a family out of; leaving them through work earns 渐退.
_GRACE_PROGRAMMES = frozenset({"dibao", "dibao_single", "rigid_expenditure"})


@dataclass(frozen=True)
class ReviewSweep:
    as_of: dt.date
    schedules: int
    proposed: Mapping[str, int]


def _due(schedule: PaymentSchedule, as_of: dt.date) -> bool:
    return schedule.next_review_on is not None and schedule.next_review_on <= as_of


def benefit_reviews_propose(*, as_of: dt.date) -> ReviewSweep:
    """Propose a change for every running monthly benefit the rules now judge differently."""
    month = as_of.replace(day=1)
    schedules = list(
        PaymentSchedule.objects.paying_in(month)
        .filter(status=ScheduleStatus.ACTIVE, item__kind=ItemKind.MONTHLY_CASH)
        .exclude(item__programme="")
        .exclude(reviews__status=ReviewStatus.PROPOSED)
        .select_related("item", "application_item__application")
        .order_by("id")
    )
    if not schedules:
        return ReviewSweep(as_of, 0, {})
    household_ids = {schedule.household_id for schedule in schedules}
    prefills = snapshot_case_prefills(
        snapshot=registry_snapshot(as_of=as_of), as_of=as_of, household_ids=household_ids
    )
    approved_members = {
        uuid.UUID(str(member["id"]))
        for schedule in schedules
        for member in schedule.application_item.application.case.get("members", [])
    }
    deceased = persons_deceased(person_ids=approved_members)
    updates: dict[uuid.UUID, CaseUpdate] = {}
    for schedule in schedules:
        application = schedule.application_item.application
        if application.pk not in updates:
            updates[application.pk] = case_update(
                approved=application.case,
                since=application.as_of,
                prefill=prefills.get(schedule.household_id),
                deceased=deceased,
                as_of=as_of,
            )
    results = dict(
        zip(
            updates,
            cases_evaluate(cases=[update.case for update in updates.values()]),
            strict=True,
        )
    )
    rejected = _rejected(schedules)
    reviews = []
    for schedule in schedules:
        application_id = schedule.application_item.application_id
        review = _proposal(schedule, updates[application_id], results[application_id], as_of)
        if review is not None and (schedule.pk, review.kind, review.amount_after) not in rejected:
            reviews.append(review)
    with transaction.atomic():
        BenefitReview.objects.bulk_create(reviews)
        counts = Counter(review.kind for review in reviews)
        audit_record(
            actor=None,
            action=AuditAction.CREATE,
            target_type=REVIEW_TARGET,
            target_id=as_of.isoformat(),
            changes={"schedules": len(schedules), "proposed": dict(counts)},
        )
    logger.info(
        "cases.review.swept",
        extra={"schedules": len(schedules), "proposed": len(reviews)},
    )
    return ReviewSweep(as_of, len(schedules), dict(counts))


def _rejected(schedules: list[PaymentSchedule]) -> set[tuple[uuid.UUID, str, Decimal]]:
    """Proposals the county already turned down: the same one is not put to it again."""
    return set(
        BenefitReview.objects.filter(
            schedule__in=schedules, status=ReviewStatus.REJECTED
        ).values_list("schedule_id", "kind", "amount_after")
    )


def _proposal(
    schedule: PaymentSchedule,
    update: CaseUpdate,
    result: Mapping[str, object],
    as_of: dt.date,
) -> BenefitReview | None:
    if "error" in result:
        logger.warning("cases.review.case_refused", extra={"schedule_id": str(schedule.pk)})
        return None
    programme = schedule.item.programme
    judged: Mapping[str, object] = result["programmes"][programme]  # type: ignore[index]
    if judged.get("pending"):
        # 待核对 is no reason to stop a benefit: a review proposes only on verified facts.
        logger.warning("cases.review.case_pending", extra={"schedule_id": str(schedule.pk)})
        return None
    eligible = bool(judged["eligible"])
    amount = Decimal(int(judged["monthly_amount"])) if eligible else Decimal(0)  # type: ignore[call-overload]
    current = schedule.monthly_amount
    if update.trigger is None and not _due(schedule, as_of):
        return None
    trigger = update.trigger or ReviewTrigger.PERIODIC
    grace = 0
    if not eligible:
        kind = ReviewKind.STOP
        if programme in _GRACE_PROGRAMMES and update.work_income_rose:
            kind, grace = ReviewKind.GRACE_EXIT, SHIPPED.integer("grace_months")
            amount = current
    elif amount > current:
        kind = ReviewKind.INCREASE
    elif amount < current:
        kind = ReviewKind.DECREASE
    else:
        kind = ReviewKind.CONTINUE
    if (
        kind == ReviewKind.CONTINUE
        and trigger != ReviewTrigger.PERIODIC
        and not _due(schedule, as_of)
    ):
        return None  # a reported change that changes nothing needs no decision
    return BenefitReview(
        schedule=schedule,
        household_id=schedule.household_id,
        trigger=trigger,
        kind=kind,
        amount_before=current,
        amount_after=amount,
        effective_month=month_after(as_of),
        grace_months=grace,
        review_months=review_months(update.case, as_of),
        case=update.case,
        reasons=list(judged["reasons"]),  # type: ignore[call-overload]
        explanation=result_explain(result=result).get(programme, []),
        changes=update.changes,
        rules_version=str(result.get("rules_version", "")),
    )


@transaction.atomic
def benefit_review_decide(
    *,
    actor: User,
    review: BenefitReview,
    approve: bool,
    reason: str,
    effective_month: dt.date | None = None,
) -> BenefitReview:
    """Approve (the schedule changes from the effective month) or reject with a reason.

    ``effective_month`` moves a 停发 or 减发 back to an earlier month, with a reason: a death
    found late stops the benefit from the month after the death, and the months already paid
    since become a recovery (追缴) when the payment backbone next looks. ``review`` comes from
    ``access_benefit_review``; it is locked again here.
    """
    review = BenefitReview.objects.select_for_update().select_related("schedule").get(pk=review.pk)
    if review.status != ReviewStatus.PROPOSED:
        raise ApplicationError(_("该复核已经处理过。"), code=ErrorCode.CONFLICT)
    reason = reason.strip()
    if not approve and not reason:
        raise ApplicationError(
            _("不批准须写明理由。"), fields={"reason": _("请写明不批准的理由。")}
        )
    if effective_month is not None and approve:
        _back_date(review, effective_month.replace(day=1), reason)
    if approve:
        _apply(review)
    review.status = ReviewStatus.APPROVED if approve else ReviewStatus.REJECTED
    review.decided_by = actor
    review.decided_at = now()
    review.decision_reason = reason
    review.save(
        update_fields=["status", "decided_by", "decided_at", "decision_reason", "updated_at"]
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target_type=REVIEW_TARGET,
        target_id=review.pk,
        changes={
            "kind": review.kind,
            "trigger": review.trigger,
            "amount": [str(review.amount_before), str(review.amount_after)],
            "status": review.status,
        },
    )
    return review


def _back_date(review: BenefitReview, month: dt.date, reason: str) -> None:
    errors = {}
    if review.kind not in (ReviewKind.STOP, ReviewKind.DECREASE):
        errors["effective_month"] = _("只有停发和减发可以追溯到以前的月份。")
    elif not review.schedule.start_month <= month <= review.effective_month:
        errors["effective_month"] = _("追溯月份应在开始发放月份与建议生效月份之间。")
    elif month < review.effective_month and not reason:
        errors["reason"] = _("追溯停发或减发须写明理由(例如死亡日期及信息来源)。")
    if errors:
        raise ApplicationError(_("复核决定未保存。"), fields=errors)
    review.effective_month = month
    review.save(update_fields=["effective_month", "updated_at"])


def _apply(review: BenefitReview) -> None:
    schedule = PaymentSchedule.objects.select_for_update().get(pk=review.schedule_id)
    effective = review.effective_month
    fields = ["next_review_on", "updated_at"]
    if review.kind in (ReviewKind.INCREASE, ReviewKind.DECREASE):
        schedule.monthly_amount = review.amount_after
        fields.append("monthly_amount")
    elif review.kind in (ReviewKind.STOP, ReviewKind.GRACE_EXIT):
        last = (
            month_before(effective)
            if review.kind == ReviewKind.STOP
            else add_months(effective, review.grace_months - 1)
        )
        schedule.end_month = max(last, schedule.start_month)
        fields.append("end_month")
        if review.kind == ReviewKind.STOP:
            schedule.status = ScheduleStatus.STOPPED
            fields.append("status")
    schedule.next_review_on = add_months(effective, review.review_months)
    schedule.save(update_fields=fields)
