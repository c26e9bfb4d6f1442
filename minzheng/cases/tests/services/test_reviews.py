import copy
import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command

from minzheng.accounts.enums import Role
from minzheng.cases.enums import ReviewKind, ReviewStatus, ReviewTrigger, ScheduleStatus
from minzheng.cases.models import BenefitReview
from minzheng.cases.permissions import access_benefit_review
from minzheng.cases.services.reviews import benefit_review_decide, benefit_reviews_propose
from minzheng.cases.tests.conftest import DANGHU, SONGFENG, ZHAPU
from minzheng.cases.tests.factories import (
    POOR_CASE,
    PaymentScheduleFactory,
    poor_home,
)
from minzheng.core.exceptions import ApplicationError, NotFound
from minzheng.core.models import AuditEvent
from minzheng.integration.enums import Department
from minzheng.integration.tests.factories import source_record
from minzheng.registry.enums import PersonStatus

SWEEP = dt.date(2027, 1, 5)
REPORTED = dt.date(2026, 12, 31)  # after the approved case's date, 2026-11-20


def _running(*, birth_date=None, monthly_income=620.0, amount="525.00", **schedule):
    """A 低保 of ``amount`` running since December for the head of a fresh household."""
    home = poor_home()
    head = home.memberships.get().person
    if birth_date:
        head.birth_date = birth_date
        head.save(update_fields=["birth_date"])
    case = copy.deepcopy(POOR_CASE)
    case["case_id"] = str(home.pk)
    case["members"][0].update(
        id=str(head.pk), birth_date=str(head.birth_date), monthly_income=monthly_income
    )
    running = PaymentScheduleFactory(
        application_item__application__household=home,
        application_item__application__case=case,
        application_item__granted_amount=Decimal(amount),
        monthly_amount=Decimal(amount),
        **schedule,
    )
    return running, head


def _reported_wage(person, wage):
    source_record(person, Department.SOCIAL_SECURITY, {"monthly_wage": wage}, as_of=REPORTED)


@pytest.mark.django_db
def test_nothing_reported_and_no_review_due_proposes_nothing():
    _running()
    sweep = benefit_reviews_propose(as_of=SWEEP)
    assert (sweep.schedules, dict(sweep.proposed)) == (1, {})
    assert not BenefitReview.objects.exists()


@pytest.mark.django_db
def test_a_lower_income_proposes_more_with_the_rules_reasons():
    _schedule, head = _running()
    _reported_wage(head, "300")
    benefit_reviews_propose(as_of=SWEEP)
    review = BenefitReview.objects.get()
    assert (review.trigger, review.kind) == (ReviewTrigger.INCOME, ReviewKind.INCREASE)
    assert (review.amount_before, review.amount_after) == (Decimal("525.00"), Decimal("845"))
    assert review.effective_month == dt.date(2027, 2, 1)
    assert review.explanation[0] == (
        "家庭人均收入 300.00 元 低于 低保标准 1145 元（模型默认值（沿用湖州市 2024 年标准））"
    )
    assert review.changes == [
        {"trigger": "income", "relation": "self", "before": "620.0", "after": "300.0"}
    ]
    assert review.review_months == 12  # a 68-year-old alone: a stable household


@pytest.mark.django_db
def test_a_death_stops_the_benefit():
    _schedule, head = _running()
    head.status = PersonStatus.DECEASED
    head.save(update_fields=["status"])
    benefit_reviews_propose(as_of=SWEEP)
    review = BenefitReview.objects.get()
    assert (review.trigger, review.kind, review.amount_after) == (
        ReviewTrigger.DEATH,
        ReviewKind.STOP,
        Decimal(0),
    )


@pytest.mark.django_db
def test_work_lifting_a_family_out_earns_a_grace_exit():
    _schedule, head = _running(
        birth_date=dt.date(1985, 5, 1), monthly_income=400.0, amount="745.00"
    )
    _reported_wage(head, "3200")
    benefit_reviews_propose(as_of=SWEEP)
    review = BenefitReview.objects.get()
    assert (review.kind, review.grace_months, review.amount_after) == (
        ReviewKind.GRACE_EXIT,
        6,
        Decimal("745.00"),
    )
    assert review.review_months == 6  # someone of working age: income may change


@pytest.mark.django_db
def test_a_due_review_with_nothing_changed_proposes_to_continue():
    _running(next_review_on=dt.date(2027, 1, 1))
    benefit_reviews_propose(as_of=SWEEP)
    review = BenefitReview.objects.get()
    assert (review.trigger, review.kind) == (ReviewTrigger.PERIODIC, ReviewKind.CONTINUE)


@pytest.mark.django_db
def test_an_open_proposal_is_not_made_twice():
    _schedule, head = _running()
    _reported_wage(head, "300")
    benefit_reviews_propose(as_of=SWEEP)
    again = benefit_reviews_propose(as_of=SWEEP)
    assert again.schedules == 0
    assert BenefitReview.objects.count() == 1


@pytest.mark.django_db
def test_approving_an_increase_changes_the_schedule(make_staff):
    schedule, head = _running()
    _reported_wage(head, "300")
    benefit_reviews_propose(as_of=SWEEP)
    county = make_staff(Role.COUNTY_CASEWORKER)
    review = access_benefit_review(actor=county, review_id=BenefitReview.objects.get().pk)
    benefit_review_decide(actor=county, review=review, approve=True, reason="")
    schedule.refresh_from_db()
    assert schedule.monthly_amount == Decimal("845.00")
    assert schedule.next_review_on == dt.date(2028, 2, 1)
    event = AuditEvent.objects.get(target_type="cases.benefit_review", action="update")
    assert event.changes["amount"] == ["525.00", "845.00"]
    with pytest.raises(ApplicationError, match="已经处理过"):
        benefit_review_decide(actor=county, review=review, approve=True, reason="")


@pytest.mark.django_db
def test_approving_a_stop_ends_the_schedule_the_month_before(make_staff):
    schedule, head = _running()
    _reported_wage(head, "2000")
    benefit_reviews_propose(as_of=SWEEP)
    county = make_staff(Role.COUNTY_CASEWORKER)
    review = BenefitReview.objects.get()
    assert review.kind == ReviewKind.STOP
    benefit_review_decide(actor=county, review=review, approve=True, reason="")
    schedule.refresh_from_db()
    assert (schedule.end_month, schedule.status) == (dt.date(2027, 1, 1), ScheduleStatus.STOPPED)


@pytest.mark.django_db
def test_a_stop_found_late_is_back_dated_with_a_reason(make_staff):
    schedule, head = _running()
    _reported_wage(head, "2000")
    benefit_reviews_propose(as_of=SWEEP)
    county = make_staff(Role.COUNTY_CASEWORKER)
    review = BenefitReview.objects.get()
    with pytest.raises(ApplicationError) as refused:
        benefit_review_decide(
            actor=county,
            review=review,
            approve=True,
            reason="",
            effective_month=dt.date(2026, 12, 1),
        )
    assert "须写明理由" in str(refused.value.fields["reason"])
    with pytest.raises(ApplicationError) as refused:
        benefit_review_decide(
            actor=county,
            review=review,
            approve=True,
            reason="x",
            effective_month=dt.date(2020, 1, 1),
        )
    assert "effective_month" in refused.value.fields
    benefit_review_decide(
        actor=county,
        review=review,
        approve=True,
        reason="2026年12月起已就业，人社数据迟报",
        effective_month=dt.date(2027, 1, 1),
    )
    schedule.refresh_from_db()
    assert schedule.end_month == dt.date(2026, 12, 1)  # January is no longer owed
    assert BenefitReview.objects.get().effective_month == dt.date(2027, 1, 1)


@pytest.mark.django_db
def test_a_rejection_needs_a_reason_and_is_not_proposed_again(make_staff):
    schedule, head = _running()
    _reported_wage(head, "2000")
    benefit_reviews_propose(as_of=SWEEP)
    county = make_staff(Role.COUNTY_CASEWORKER)
    review = BenefitReview.objects.get()
    with pytest.raises(ApplicationError, match="不批准须写明理由"):
        benefit_review_decide(actor=county, review=review, approve=False, reason=" ")
    review.refresh_from_db()
    assert review.status == ReviewStatus.PROPOSED
    benefit_review_decide(actor=county, review=review, approve=False, reason="工资为一次性补发")
    benefit_reviews_propose(as_of=SWEEP)
    assert BenefitReview.objects.count() == 1
    schedule.refresh_from_db()
    assert schedule.monthly_amount == Decimal("525.00")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "division"),
    [
        pytest.param(Role.TOWNSHIP_WORKER, DANGHU, id="township_case"),
        pytest.param(Role.VILLAGE_WORKER, SONGFENG, id="village_case"),
        pytest.param(Role.COUNTY_CASEWORKER, ZHAPU, id="other_township_case"),
    ],
)
def test_only_county_approvers_of_the_jurisdiction_see_a_proposal(make_staff, role, division):
    _schedule, head = _running()
    _reported_wage(head, "300")
    benefit_reviews_propose(as_of=SWEEP)
    with pytest.raises(NotFound):
        access_benefit_review(
            actor=make_staff(role, division), review_id=BenefitReview.objects.get().pk
        )


@pytest.mark.django_db
def test_review_page_decides_with_htmx(make_staff, client_for):
    schedule, head = _running()
    _reported_wage(head, "300")
    benefit_reviews_propose(as_of=SWEEP)
    review = BenefitReview.objects.get()
    client = client_for(make_staff(Role.COUNTY_CASEWORKER))
    page = client.get("/cases/reviews/").content.decode()
    assert "增发" in page
    assert schedule.household.number in page
    row = client.post(
        f"/cases/reviews/{review.pk}/decide/",
        {"decision": "approve"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "已批准" in row
    assert (
        client_for(make_staff(Role.VILLAGE_WORKER, SONGFENG)).get("/cases/reviews/").status_code
        == 403
    )


@pytest.mark.django_db
def test_review_command_prints_the_proposals(capsys):
    _schedule, head = _running()
    _reported_wage(head, "300")
    call_command("cases", "review", "--as-of", "2027-01-05")
    assert "2027-01-05 复核正在发放的救助 1 项；建议：增发 1 户" in capsys.readouterr().out
