"""A month's payments in a real browser, by the three people a county needs, and the bank.

January 2027: three families on 低保 and a one-off 临时救助 decided in December. The county
caseworker prepares the batch, a second caseworker checks it, the county admin approves it;
the bank file goes out, the bank's return has two failures; the accounts are corrected and a
supplementary batch re-issues them. The household ledger, the 幸福清单 and the funds page then
say what was paid, and the one-off grant says one-off everywhere.
"""

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine

from minzheng.accounts.enums import Role
from minzheng.payments.enums import BatchKind, BatchStatus, LineStatus
from minzheng.payments.models import PaymentBatch
from minzheng.payments.tests.conftest import recipient
from tests.browser.payments import check_and_approve, export_and_return, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def christmas_eve():
    with time_machine.travel("2026-12-24 10:00 +0800", tick=True) as traveller:
        yield traveller


@pytest.fixture
def families(case_reference_data, christmas_eve):
    return {
        "张秀英": recipient("张秀英", "525.00"),
        "李桂兰": recipient("李桂兰", "845.00"),
        "王阿大": recipient("王阿大", "300.00", division=330482101006),
        "周临时": recipient("周临时", "1500.00", start=dt.date(2026, 12, 1), code="temporary"),
    }


def test_a_month_paid_by_three_people_through_the_bank(
    browser, live_server, make_staff, families, tmp_path
):
    preparer = make_staff(Role.COUNTY_CASEWORKER)
    checker = make_staff(Role.COUNTY_CASEWORKER)
    approver = make_staff(Role.COUNTY_ADMIN)

    # 制单
    page = login(browser, live_server, preparer)
    page.get_by_role("link", name="资金发放").first.click()
    page.get_by_label("发放月份").fill("2027-01")
    page.get_by_role("button", name="制单").click()
    page.get_by_role("heading", name=re.compile("发放批次")).wait_for()
    text = page.locator("main").inner_text()
    assert "FF202701-01" in text
    assert "3170.00" in text
    assert "新增 (3)" in text
    assert "一次性发放 (1)" in text
    assert "待另一名经办人复核" in text
    page.set_viewport_size({"width": 375, "height": 812})
    page.screenshot(path=str(tmp_path / "batch-375.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    batch = PaymentBatch.objects.get()

    # 复核 and 审批 by two other people; the bank file and a return with two failures.
    check_and_approve(browser, live_server, checker, approver, batch)
    export_and_return(page, batch, tmp_path, failing=[("李桂兰", "E101"), ("王阿大", "E102")])
    text = page.locator("main").inner_text()
    assert "成功 2 笔 2025.00 元，失败 2 笔 1145.00 元" in text

    # The failures worklist; each account corrected from the household's ledger.
    page.get_by_role("link", name="失败待重发").first.click()
    assert "账户已销户" in page.locator("main").inner_text()
    assert "户名与账号不符" in page.locator("main").inner_text()
    for name, number in (("李桂兰", "6230000011112222"), ("王阿大", "6230000033334444")):
        page.goto("/payments/failures/")
        page.get_by_role("row", name=re.compile(name)).get_by_role("link", name="修正账户").click()
        page.get_by_label("账户类型").select_option("huimin_card")
        page.get_by_label("开户银行").fill("平湖农商银行")
        page.get_by_label("账号").fill(number)
        page.get_by_label("户名").fill(name)
        page.get_by_label("变更原因").fill("原卡已销户，改用惠民惠农一卡通")
        page.get_by_role("button", name="变更账户").click()
        assert "6230 **** " + number[-4:] in page.locator("#account").inner_text()
    page.goto("/payments/failures/")
    assert "账户已销户" in page.locator("main").inner_text()  # not re-issued yet

    # The supplementary batch re-issues both, to the new accounts.
    page.goto("/payments/")
    page.get_by_label("发放月份").fill("2027-01")
    page.get_by_role("button", name="制单").click()
    page.get_by_role("heading", name=re.compile("发放批次")).wait_for()
    text = page.locator("main").inner_text()
    assert "FF202701-02" in text
    assert "补发" in text
    assert "失败重发 (2)" in text
    supplementary = PaymentBatch.objects.get(number="FF202701-02")
    assert supplementary.kind == BatchKind.SUPPLEMENTARY
    check_and_approve(browser, live_server, checker, approver, supplementary)
    export_and_return(page, supplementary, tmp_path)
    supplementary.refresh_from_db()
    assert supplementary.status == BatchStatus.RECONCILED
    page.goto("/payments/failures/")
    assert "没有待重发的款项" in page.locator("main").inner_text()

    # 李桂兰's ledger: January failed once, then paid to the new account.
    li = families["李桂兰"].household
    page.goto(f"/payments/households/{li.pk}/")
    rows = page.locator("table.list").first.inner_text()
    assert rows.count("2027-01") == 2
    assert "发放失败：账户已销户" in rows
    assert "已到账" in rows
    assert "6230 **** 2222" in rows
    statuses = [
        *batch.lines.filter(household=li).values_list("status", flat=True),
        *supplementary.lines.filter(household=li).values_list("status", flat=True),
    ]
    assert statuses == [LineStatus.FAILED, LineStatus.PAID]

    # The one-off grant: one-off in the ledger, and paid this year on the 幸福清单.
    once = families["周临时"].household
    page.goto(f"/payments/households/{once.pk}/")
    assert "临时救助（一次性发放）" in page.locator("table.list").first.inner_text()
    page.goto(f"/statements/households/{once.pk}/")
    line = page.locator("#line-temporary").inner_text()
    assert "（一次性）" in line
    assert "¥1,500.00" in line
    assert "待发放" not in line

    # The funds page: what the bank paid, per 镇街 and month.
    page.goto("/payments/funds/?year=2027")
    funds = page.locator("main").inner_text()
    assert "当湖街道" in funds
    assert "乍浦镇" in funds
    assert f"{Decimal('1670.00')}" in funds
