"""What a household currently receives: the facade the 幸福清单 (statements) is built on."""

import datetime as dt
import uuid
from decimal import Decimal

from django.db.models import Q

from minzheng.cases.contracts import BenefitLine
from minzheng.cases.enums import ApplicationStatus, ItemKind, OwningDepartment
from minzheng.cases.models import Application, ApplicationItem, PaymentSchedule
from minzheng.cases.steps import REVIEW_AFTER_MONTHS
from minzheng.core.clock import today
from minzheng.core.months import add_months


def _line(
    row: ApplicationItem,
    *,
    amount: Decimal,
    start: dt.date | None,
    end: dt.date | None,
    schedule_id: uuid.UUID | None = None,
    review_on: dt.date | None = None,
) -> BenefitLine:
    application = row.application
    decided = application.decided_at
    if review_on is None and decided is not None:
        review_on = add_months(decided.date(), REVIEW_AFTER_MONTHS)
    return BenefitLine(
        item_code=row.item.code,
        item_name=row.item.name,
        kind=row.item.kind,
        department=row.item.department,
        department_name=str(OwningDepartment(row.item.department).label),
        monthly_amount=amount,
        start_month=start,
        end_month=end,
        schedule_id=schedule_id,
        next_review_on=review_on,
        application_number=application.number,
        decision_number=application.decision_number,
        rules_version=row.rules_version,
        parameters=dict(row.parameters),
    )


def household_benefits(*, household_id: uuid.UUID) -> list[BenefitLine]:
    """Everything granted to the household that is still running, in catalogue order.

    Cash items are read from their payment schedules: a monthly item while its schedule runs
    this month or later, a one-off item in the calendar year it is paid. Items that pay
    nothing themselves (低边 status, referrals, fee waivers) come from the household's latest
    approved application. What has been paid is the payment backbone's to say
    (``payments.selectors.paid_by_schedule``). The caller checks access; three queries.
    """
    now = today()
    month = now.replace(day=1)
    year_start = dt.date(now.year, 1, 1)
    schedules = list(
        PaymentSchedule.objects.filter(household_id=household_id)
        .filter(
            Q(end_month__isnull=True)
            | Q(end_month__gte=month)
            | Q(item__kind=ItemKind.ONE_OFF, start_month__gte=year_start)
        )
        .select_related("application_item__application", "application_item__item", "item")
    )
    lines = [
        (
            schedule.item.display_order,
            _line(
                schedule.application_item,
                amount=schedule.monthly_amount,
                start=schedule.start_month,
                end=schedule.end_month,
                schedule_id=schedule.pk,
                review_on=schedule.next_review_on,
            ),
        )
        for schedule in schedules
    ]
    latest = (
        Application.objects.filter(household_id=household_id, status=ApplicationStatus.APPROVED)
        .order_by("-decided_at")
        .first()
    )
    if latest is not None:
        unpaid = ApplicationItem.objects.filter(
            application=latest,
            granted=True,
            item__kind__in=(ItemKind.STATUS, ItemKind.REFERRAL, ItemKind.FEE_WAIVER),
        ).select_related("item", "application")
        zero = Decimal("0.00")
        lines.extend(
            (
                row.item.display_order,
                _line(row, amount=zero, start=latest.start_month, end=None),
            )
            for row in unpaid
        )
    lines.sort(key=lambda pair: (pair[0], pair[1].start_month or month, pair[1].item_code))
    return [line for _order, line in lines]
