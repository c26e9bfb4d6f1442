"""The 在册复核 worklist: what a worker sees, resolving items, and who may not."""

import pytest
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.accounts.system import system_user
from minzheng.cases.enums import CaseloadReviewStatus, ReviewKind, ReviewStatus
from minzheng.cases.models import BenefitReview, CaseloadReview, PaymentSchedule
from minzheng.cases.selectors.caseload import caseload_bank_accounts
from minzheng.cases.services.caseload_import import caseload_roll_import
from minzheng.cases.tests.caseload.conftest import AS_OF, roll, roll_row
from minzheng.cases.tests.conftest import DANGHU, PINGHU, SONGFENG, ZHAPU
from minzheng.cases.tests.helpers import nothing_written
from minzheng.core.models import AuditEvent


@pytest.fixture
def imported(good_roll):
    caseload_roll_import(actor=system_user(), file_name="zaice.csv", data=good_roll, as_of=AS_OF)
    return {
        review.application_item.caseload_entries.first().record_id: review
        for review in CaseloadReview.objects.select_related("application_item")
    }


def _login(client, make_staff, role, division):
    user = make_staff(role, division)
    client.force_login(user)
    return user


def test_the_worklist_sets_the_roll_beside_the_rules(client, make_staff, imported):
    _login(client, make_staff, Role.TOWNSHIP_WORKER, DANGHU)

    page = client.get(reverse("cases:caseload_worklist"))

    text = page.content.decode()
    assert page.status_code == 200
    assert "在册金额与规则测算不一致" in text
    assert "规则判定不符合条件" in text
    assert "600.00 元/月" in text  # the roll's amount
    assert "符合 145.00 元/月" in text  # the rules' amount beside it
    assert "低保标准" in text  # with the rules' reasons in sentences
    assert "平湖市民政局批准" in text
    assert "6230910012345678" not in text  # the account is masked
    assert "5678" in text


def test_a_worker_outside_the_households_sees_nothing(client, make_staff, imported):
    _login(client, make_staff, Role.TOWNSHIP_WORKER, ZHAPU)
    page = client.get(reverse("cases:caseload_worklist"))
    assert "没有待复核的在册对象。" in page.content.decode()

    review = imported["ZC002"]
    with nothing_written():
        answer = client.post(
            reverse("cases:caseload_resolve", args=[review.pk]),
            {"decision": "review", "reason": "已核实"},
        )
    assert answer.status_code == 404
    review.refresh_from_db()
    assert review.status == CaseloadReviewStatus.PENDING


def test_a_village_worker_may_not_open_the_worklist(client, make_staff, imported):
    _login(client, make_staff, Role.VILLAGE_WORKER, SONGFENG)
    assert client.get(reverse("cases:caseload_worklist")).status_code == 403
    review = imported["ZC002"]
    with nothing_written():
        answer = client.post(
            reverse("cases:caseload_resolve", args=[review.pk]),
            {"decision": "keep", "reason": "已核实"},
        )
    assert answer.status_code == 404
    review.refresh_from_db()
    assert review.status == CaseloadReviewStatus.PENDING


def test_keeping_needs_a_reason_and_is_audited(client, make_staff, imported):
    worker = _login(client, make_staff, Role.TOWNSHIP_WORKER, DANGHU)
    review = imported["ZC002"]
    url = reverse("cases:caseload_resolve", args=[review.pk])

    with nothing_written():
        refused = client.post(url, {"decision": "keep", "reason": "  "}, HTTP_HX_REQUEST="true")
    assert "请写明处理意见。" in refused.content.decode()

    client.post(url, {"decision": "keep", "reason": "原审批含分类施保加发，属实"})

    review.refresh_from_db()
    assert review.status == CaseloadReviewStatus.KEPT
    assert review.resolved_by == worker
    assert review.resolution_reason == "原审批含分类施保加发，属实"
    event = AuditEvent.objects.get(target_type="cases.caseload_review")
    assert event.actor == worker
    assert (
        PaymentSchedule.objects.get(application_item=review.application_item).monthly_amount
        == review.roll_amount
    )
    # Resolved once: a second answer is refused.
    again = client.post(url, {"decision": "keep", "reason": "再次"}, HTTP_HX_REQUEST="true")
    assert "该复核事项已经处理过。" in again.content.decode()


def test_a_review_is_proposed_to_the_county_not_applied(client, make_staff, imported):
    _login(client, make_staff, Role.COUNTY_CASEWORKER, PINGHU)
    well_off, overpaid = imported["ZC003"], imported["ZC002"]

    for review in (well_off, overpaid):
        client.post(
            reverse("cases:caseload_resolve", args=[review.pk]),
            {"decision": "review", "reason": "入户核实后按规则调整"},
        )

    stop = BenefitReview.objects.get(schedule__application_item=well_off.application_item)
    assert (stop.kind, stop.status) == (ReviewKind.STOP, ReviewStatus.PROPOSED)
    lower = BenefitReview.objects.get(schedule__application_item=overpaid.application_item)
    assert lower.kind == ReviewKind.DECREASE
    assert (lower.amount_before, lower.amount_after) == (overpaid.roll_amount, 145)
    assert "在册复核意见：入户核实后按规则调整" in lower.explanation
    overpaid.refresh_from_db()
    assert overpaid.status == CaseloadReviewStatus.REVIEWING
    assert overpaid.benefit_review == lower
    assert (
        PaymentSchedule.objects.get(application_item=overpaid.application_item).monthly_amount
        == overpaid.roll_amount
    )


def test_the_roll_accounts_are_there_for_the_payments_app(imported, recipients):
    accounts = {account.person_id: account for account in caseload_bank_accounts()}

    elder = accounts[recipients["elder"].pk]
    assert (elder.kind, elder.bank, elder.number) == ("社保卡", "平湖农商银行", "6230910012345678")
    assert elder.holder_name == "刘桂兰"
    assert len(accounts) == 5  # one per person, though 张建国 has two rows


def test_a_dibao_edge_status_cannot_go_to_benefit_review(client, make_staff, recipients):
    data = roll(roll_row("ZC020", recipients["well_off"], "低保边缘", "0"))
    caseload_roll_import(actor=system_user(), file_name="zaice.csv", data=data, as_of=AS_OF)
    review = CaseloadReview.objects.get()
    _login(client, make_staff, Role.COUNTY_CASEWORKER, PINGHU)

    with nothing_written():
        answer = client.post(
            reverse("cases:caseload_resolve", args=[review.pk]),
            {"decision": "review", "reason": "复核"},
            HTTP_HX_REQUEST="true",
        )

    assert "低保边缘认定没有发放计划，不能转入动态管理" in answer.content.decode()
