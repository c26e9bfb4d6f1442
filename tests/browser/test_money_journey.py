"""The money path of issue 12, end to end in a real browser.

The provincial roll of current recipients is imported on the import page; the 在册复核 item for
the benefit the rules judge differently is kept with a reason; the roll's accounts become
payment accounts; November's batch is prepared, checked and approved by three different
people; the bank file goes out and the bank returns both payments (account closed, name
mismatch); the accounts are corrected; the supplementary batch pays both; the household
ledger and the 幸福清单 then say what the bank paid.
"""

import datetime as dt
import re

import pytest
import time_machine

from minzheng.accounts.enums import Role
from minzheng.accounts.system import system_user
from minzheng.cases.enums import CaseloadReviewStatus
from minzheng.cases.models import CaseloadReview
from minzheng.cases.tests.caseload.conftest import roll, roll_row
from minzheng.eligibility.services import determinations_run
from minzheng.payments.enums import BatchKind, LineStatus
from minzheng.payments.models import PaymentBatch, PaymentLine
from tests.browser.payments import check_and_approve, export_and_return, login
from tests.browser.test_caseload_journey import AS_OF, roll_recipient
from tests.browser.test_staff_journeys import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_roll_to_bank_and_back(browser, live_server, make_staff, case_reference_data, tmp_path):
    with time_machine.travel("2026-11-24 10:00 +0800", tick=True):
        agreed = roll_recipient("张建国", dt.date(1980, 4, 12), "1000")  # 低保 145 under the rules
        overpaid = roll_recipient("王秀英", dt.date(1981, 11, 3), "1000")
        determinations_run(actor=system_user(), as_of=AS_OF)
        data = roll(
            roll_row("ZC1", agreed, "低保", "145", 银行账号="6230910011112222"),
            roll_row("ZC2", overpaid, "低保", "600", 银行账号="6230910033334444"),
        )
        preparer = make_staff(Role.COUNTY_CASEWORKER)
        checker = make_staff(Role.COUNTY_CASEWORKER)
        approver = make_staff(Role.COUNTY_ADMIN)
        page = login(browser, live_server, preparer)

        # The roll comes in through the import page.
        page.get_by_role("link", name="数据导入").first.click()
        page.get_by_label("数据来源部门").select_option(label="在册对象")
        page.get_by_label("数据截止日期").fill(AS_OF.isoformat())
        page.get_by_label("文件").set_input_files(
            {"name": "在册名册.csv", "mimeType": "text/csv", "buffer": data}
        )
        page.get_by_role("button", name="上传").click()
        page.get_by_role("button", name="开始校验并比对户籍").click()
        status = page.get_by_test_id("import-status")
        status.filter(has_text="待入库").wait_for(timeout=60_000)
        page.get_by_role("button", name="确认入库").click()
        status.filter(has_text="已入库").wait_for(timeout=60_000)

        # 在册复核: 王秀英's 600 against the rules' 145, kept with the reason found.
        page.get_by_role("link", name="在册复核").first.click()
        worklist = page.get_by_test_id("caseload-worklist")
        worklist.get_by_text("在册金额与规则测算不一致").wait_for()
        worklist.get_by_label("处理意见").fill("原审批含分类施保加发，经核属实")
        worklist.get_by_role("button", name="维持现状").click()
        worklist.get_by_role("status").filter(has_text="维持现状").wait_for()
        assert CaseloadReview.objects.get().status == CaseloadReviewStatus.KEPT

        # The roll's accounts, then November's batch: the months before were the old system's.
        page.get_by_role("link", name="资金发放").first.click()
        page.get_by_role("button", name="从在册名册导入收款账户").click()
        assert "已从在册名册导入收款账户 2 户" in page.locator("main").inner_text()
        page.get_by_label("发放月份").fill("2026-11")
        page.get_by_role("button", name="制单").click()
        page.get_by_role("heading", name=re.compile("发放批次")).wait_for()
        text = page.locator("main").inner_text()
        assert "FF202611-01" in text
        assert "745.00" in text
        batch = PaymentBatch.objects.get()
        assert batch.payee_count == 2

        check_and_approve(browser, live_server, checker, approver, batch)
        export_and_return(page, batch, tmp_path, failing=[("张建国", "E101"), ("王秀英", "E102")])
        assert "成功 0 笔 0.00 元，失败 2 笔 745.00 元" in page.locator("main").inner_text()

        # Both accounts corrected from the failures list.
        for name, number in (("张建国", "6217000055556666"), ("王秀英", "6217000077778888")):
            page.goto("/payments/failures/")
            row = page.get_by_role("row", name=re.compile(name))
            row.get_by_role("link", name="修正账户").click()
            page.get_by_label("账户类型").select_option("social_security_card")
            page.get_by_label("开户银行").fill("平湖农商银行")
            page.get_by_label("账号").fill(number)
            page.get_by_label("户名").fill(name)
            page.get_by_label("变更原因").fill("银行退回，核实后改用本人社保卡")
            page.get_by_role("button", name="变更账户").click()
            assert "6217 **** " + number[-4:] in page.locator("#account").inner_text()

        # The supplementary batch re-issues both; the bank pays them.
        page.goto("/payments/")
        page.get_by_label("发放月份").fill("2026-11")
        page.get_by_role("button", name="制单").click()
        page.get_by_role("heading", name=re.compile("发放批次")).wait_for()
        assert "失败重发 (2)" in page.locator("main").inner_text()
        supplementary = PaymentBatch.objects.get(number="FF202611-02")
        assert supplementary.kind == BatchKind.SUPPLEMENTARY
        check_and_approve(browser, live_server, checker, approver, supplementary)
        export_and_return(page, supplementary, tmp_path)
        assert "成功 2 笔 745.00 元，失败 0 笔 0.00 元" in page.locator("main").inner_text()

        # 王秀英's ledger and 幸福清单: November failed once, then paid, 600 this year.
        home = overpaid.memberships.get().household
        page.goto(f"/payments/households/{home.pk}/")
        ledger = page.locator("table.list").first.inner_text()
        assert ledger.count("2026-11") == 2
        assert "户名与账号不符" in ledger
        assert "6217 **** 8888" in ledger
        assert list(
            PaymentLine.objects.filter(household=home)
            .order_by("id")
            .values_list("status", flat=True)
        ) == [LineStatus.FAILED, LineStatus.PAID]
        page.set_viewport_size({"width": 375, "height": 800})
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "payment-ledger-phone.png"), full_page=True)
        page.goto("/payments/funds/?year=2026")
        page.screenshot(path=str(SCREENSHOTS / "funds-phone.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 800})
        page.screenshot(path=str(SCREENSHOTS / "funds.png"), full_page=True)
        page.goto(f"/statements/households/{home.pk}/")
        line = page.locator("#line-dibao").inner_text()
        assert "¥600.00/月" in line
        assert line.count("¥600.00") == 2  # the monthly amount, and what was paid this year
        page.context.close()
