"""The 在册对象 roll through the feed mechanism: migrated cases, idempotence, row errors."""

import datetime as dt
from decimal import Decimal

import pytest

from minzheng.accounts.system import system_user
from minzheng.cases.enums import ApplicationStatus, CaseloadFinding, Channel
from minzheng.cases.models import (
    Application,
    ApplicationItem,
    CaseloadEntry,
    CaseloadReview,
    PaymentSchedule,
)
from minzheng.cases.services.caseload import caseload_compare
from minzheng.cases.services.caseload_import import caseload_roll_import
from minzheng.cases.tests.caseload.conftest import AS_OF, roll, roll_row
from minzheng.core.models import AuditEvent
from minzheng.eligibility.models import DeterminationRun
from minzheng.eligibility.services import determinations_run
from minzheng.integration.models import StagedRecord
from minzheng.registry.enums import PersonStatus


def _import(data: bytes, **options):
    return caseload_roll_import(
        actor=system_user(), file_name="zaice.csv", data=data, as_of=AS_OF, **options
    )


def test_a_roll_becomes_migrated_decided_cases(good_roll, recipients):
    result = _import(good_roll)

    assert result.merged
    assert result.entries == 6
    agreed_home = recipients["agreed"].memberships.get().household
    running = Application.objects.get(household=agreed_home, items__item__code="dibao")
    assert running.channel == Channel.MIGRATED
    assert running.status == ApplicationStatus.APPROVED
    assert running.number.startswith("ZC")
    assert running.case["members"], "the case the rules judged is kept for 动态管理"
    dibao = PaymentSchedule.objects.get(household=agreed_home, item__code="dibao")
    assert dibao.monthly_amount == Decimal("145.00")
    assert dibao.start_month == dt.date(2023, 4, 1)
    assert dibao.end_month is None
    item = ApplicationItem.objects.get(schedule=dibao)
    assert "平湖市民政局" in item.decision_reason
    assert "2023-04-01" in item.decision_reason
    # The 临时救助 of the history is a one-off case of its own, paid in its month.
    grant = PaymentSchedule.objects.get(household=agreed_home, item__code="temporary")
    assert grant.start_month == grant.end_month == dt.date(2025, 2, 1)
    assert grant.application_item.application_id != running.pk
    orphan = PaymentSchedule.objects.get(item__code="orphan")
    assert orphan.monthly_amount == Decimal("2100.00")
    entry = CaseloadEntry.objects.get(record_id="ZC004")
    assert (entry.care_tier, entry.care_amount) == ("半护理", Decimal("500.00"))
    assert entry.account_kind == "社保卡"
    assert entry.account_number == "6230910012345678"
    assert AuditEvent.objects.filter(target_type="cases.caseload").count() == 1


def test_the_rules_put_differences_to_the_worklist(good_roll, recipients):
    _import(good_roll)

    reviews = {
        review.application_item.caseload_entries.first().record_id: review
        for review in CaseloadReview.objects.select_related("application_item")
    }
    # The agreed 低保, the 特困 whose basic part matches (2450 − 500 care = 1950) and the
    # orphan the rules do not judge have nothing to review.
    assert set(reviews) == {"ZC002", "ZC003"}
    overpaid = reviews["ZC002"]
    assert overpaid.findings == [CaseloadFinding.AMOUNT_DIFFERS]
    assert (overpaid.roll_amount, overpaid.rules_amount) == (Decimal("600.00"), Decimal("145"))
    assert overpaid.rules_programme == "dibao"
    well_off = reviews["ZC003"]
    assert well_off.findings == [CaseloadFinding.INELIGIBLE]
    assert well_off.rules_eligible is False
    # Nothing is paid differently.
    assert PaymentSchedule.objects.get(
        application_item=overpaid.application_item
    ).monthly_amount == Decimal("600.00")


def test_the_same_roll_twice_changes_nothing(good_roll):
    _import(good_roll)
    before = sorted(CaseloadEntry.objects.values_list("id", "digest", "updated_at"))
    applications = Application.objects.count()
    reviews = CaseloadReview.objects.count()

    again = _import(good_roll)

    assert again.merged
    assert sorted(CaseloadEntry.objects.values_list("id", "digest", "updated_at")) == before
    assert Application.objects.count() == applications
    assert PaymentSchedule.objects.count() == 6
    assert CaseloadReview.objects.count() == reviews


def test_a_new_account_follows_the_roll_but_a_new_amount_waits_for_a_worker(recipients):
    agreed = recipients["agreed"]
    _import(roll(roll_row("ZC001", agreed, "低保", "145")))

    _import(roll(roll_row("ZC001", agreed, "低保", "200", 银行账号="6230910099998888")))

    entry = CaseloadEntry.objects.get(record_id="ZC001")
    assert entry.account_number == "6230910099998888"
    assert entry.amount == Decimal("200.00")
    schedule = PaymentSchedule.objects.get(item__code="dibao")
    assert schedule.monthly_amount == Decimal("145.00")
    review = CaseloadReview.objects.get()
    assert CaseloadFinding.ROLL_CHANGED in review.findings


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            lambda p: roll_row("ZC010", p, "低保户", "145"),
            "救助类别“低保户”无法识别，应为：低保、低保边缘、特困",
        ),
        (lambda p: roll_row("ZC011", p, "低保", ""), "缺少保障金额。"),
        (lambda p: roll_row("ZC012", p, "低保", "一百"), "保障金额“一百”不是有效的数字。"),
        (
            lambda p: roll_row("ZC013", p, "低保", "145", 起始日期="2023-13-01"),
            "起始日期“2023-13-01”不是有效的日期，应为 YYYY-MM-DD。",
        ),
        (
            lambda p: roll_row("ZC014", p, "低保", "145", 账户类型="存折"),
            "账户类型“存折”无法识别，应为：社保卡、惠民惠农一卡通。",
        ),
    ],
)
def test_a_bad_row_is_named_in_chinese_and_nothing_goes_in(recipients, row, message):
    result = _import(
        roll(roll_row("ZC001", recipients["agreed"], "低保", "145"), row(recipients["overpaid"]))
    )

    assert not result.merged
    staged = StagedRecord.objects.get(feed_import=result.feed_import, row_number=3)
    assert any(message in problem["message"] for problem in staged.errors)
    assert not CaseloadEntry.objects.exists()
    assert not Application.objects.exists()


def test_a_household_the_rules_cannot_judge_is_put_to_a_worker(recipients):
    elder = recipients["elder"]
    elder.status = PersonStatus.DECEASED
    elder.save(update_fields=["status"])
    determinations_run(actor=system_user(), as_of=AS_OF)  # the household has no living member left

    _import(roll(roll_row("ZC004", elder, "特困", "2450", 照料护理等级="半护理", 照料护理费="500")))

    review = CaseloadReview.objects.get()
    assert review.findings == [CaseloadFinding.NOT_JUDGED]
    assert review.rules_eligible is None
    assert review.roll_amount == Decimal("1950.00")  # the basic part, care allowance aside


def test_without_a_rules_run_nothing_is_compared_yet(recipients):
    DeterminationRun.objects.update(is_current=False)

    _import(roll(roll_row("ZC003", recipients["well_off"], "低保", "300")))

    assert CaseloadEntry.objects.count() == 1
    assert not CaseloadReview.objects.exists()
    determinations_run(actor=system_user(), as_of=AS_OF)
    assert caseload_compare() == 1
    assert caseload_compare() == 0  # asked once
