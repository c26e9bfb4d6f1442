"""智慧救助一件事 end to end: a 村社 worker takes an application, the 镇街 sends it to 公示, a
citizen objects, the objection holds the county's approval until the 镇街 dismisses it, the
county approves, the notice downloads and the month's payment reaches the ledger. Each step is
done by a different person, as separation of duties asks (ADR 0016)."""

import re

import pytest
import time_machine

from minzheng.accounts.enums import Role
from minzheng.cases.enums import ApplicationStatus, StepKind
from minzheng.cases.models import Application
from minzheng.cases.tasks import publicity_complete_due_task
from minzheng.cases.tests.factories import application_at, item, poor_home
from tests.browser.conftest import (
    application_approve,
    application_check,
    application_investigate,
    application_review,
    application_take,
)
from tests.browser.test_staff_journeys import SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("case_reference_data", "parameters_confirmed"),
]
SONGFENG = 330482001034
DANGHU = 330482001000


def _csrf_post(page, url, data):
    """A form post from inside the logged-in browser context, as a double-clicked button would."""
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    return page.request.post(url, form=data, headers={"X-CSRFToken": token})


def test_an_application_from_intake_to_the_decision(browser, live_server, make_staff, staff_page):
    with time_machine.travel("2026-11-20 09:00 +0800", tick=True) as traveller:
        village = make_staff(Role.VILLAGE_WORKER, SONGFENG)
        township = make_staff(Role.TOWNSHIP_WORKER, DANGHU)
        county = make_staff(Role.COUNTY_CASEWORKER)
        home = poor_home(name="张秀英")

        # 受理: the 村社 worker finds the family and takes the application with its consent.
        worker = staff_page(village)
        worker.goto("/cases/new/")
        worker.get_by_label("查找申请家庭").fill("张秀英")
        worker.get_by_role("link", name="为此户受理").click()
        application_take(worker, signer="张秀英", document="SQ-HD-2026-118", on="2026-11-20")
        worker.get_by_role("heading", name=re.compile("救助申请 SQ20261120-0001")).wait_for()
        application = Application.objects.get()

        # 核对: no department reports her pension or her son; the worker enters both.
        # 规则预审: 低保 with the rules' reasons in Chinese, then the 入户调查.
        proposal = application_check(worker)
        assert "符合条件" in proposal
        assert "525.00" in proposal
        assert "家庭人均收入 620.00 元 低于 低保标准 1145 元" in proposal
        application_investigate(worker, on="2026-11-20")

        # 镇街审核 → 公示.
        reviewer = staff_page(township)
        application_review(reviewer, application)
        reviewer.get_by_text("公示期：2026-11-20 至 2026-11-26").wait_for()

        # A citizen objects on the public board; names and IDs are masked there.
        citizen = browser.new_context(locale="zh-CN", base_url=live_server.url).new_page()
        citizen.goto(f"/gongshi/{SONGFENG}/")
        board = citizen.locator("main").inner_text()
        assert "张*英" in board
        assert "张秀英" not in board
        assert home.memberships.get().person.id_number not in board
        citizen.get_by_text("提出异议").click()
        citizen.get_by_label("异议内容").fill("听说她儿子每月给她钱。")
        citizen.get_by_role("button", name="提交异议").click()
        citizen.get_by_text("您的异议已提交").wait_for()

        # The objection holds the county's approval.
        approver = staff_page(county)
        approver.goto(f"/cases/{application.pk}/")
        assert approver.get_by_text("公示期间收到 1 条异议待处理，县级审批暂停。").is_visible()
        refused = _csrf_post(approver, f"/cases/{application.pk}/approve/", {"grant:dibao": "true"})
        assert refused.status == 409
        assert "公示期间收到的异议尚未处理，暂不能审批。" in refused.text()

        # The 镇街 dismisses it with a reason.
        reviewer.reload()
        reviewer.get_by_label("处理理由").fill("其子已在核对中按赡养能力认定，异议不成立。")
        reviewer.get_by_role("button", name="提交处理意见").click()
        reviewer.get_by_text("异议不成立").first.wait_for()

        # Seven days pass; the nightly sweep closes the publicity.
        traveller.move_to("2026-11-27 03:00 +0800")
        assert publicity_complete_due_task.enqueue().return_value == 1
        traveller.move_to("2026-11-27 09:00 +0800")

        # 县级审批 (the old session timed out overnight).
        approver.context.close()
        approver = staff_page(county)
        application_approve(approver, application)
        approver.get_by_text("JD20261127-0001").wait_for()
        with approver.expect_download() as download:
            approver.get_by_role("link", name="下载决定通知书(PDF)").click()
        assert download.value.suggested_filename == "decision-JD20261127-0001.pdf"
        with open(download.value.path(), "rb") as pdf:
            assert pdf.read(4) == b"%PDF"

        # Deciding owes money, it pays none: the page shows the schedule, no 发放 done; the
        # payment backbone's batches pay it (tests/browser/test_payment_batch.py).
        approver.goto(f"/cases/{application.pk}/")
        owed = approver.locator("#schedules").inner_text()
        assert "自 2026-12 起按月" in owed
        assert "525.00" in owed
        assert "以银行回盘为准" in owed
        assert "发放 完成" not in approver.locator("main").inner_text()

        # The application page on a 375 px phone.
        phone = staff_page(county, viewport={"width": 375, "height": 740})
        phone.goto(f"/cases/{application.pk}/")
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=str(SCREENSHOTS / "application-phone.png"), full_page=True)
        for page in (worker, reviewer, citizen, approver, phone):
            page.context.close()
        assert overflow <= 0


def test_separation_of_duties_shows_on_the_application_page(make_staff, staff_page):
    """The 镇街 confirms a 核对 for the 村社 only with a reason, which the timeline then shows;
    the caseworker who took an application is told at 县级审批 to hand it to a colleague."""
    with time_machine.travel("2026-11-20 09:00 +0800", tick=True):
        township = make_staff(Role.TOWNSHIP_WORKER, DANGHU)
        county = make_staff(Role.COUNTY_CASEWORKER)
        checking = application_at(StepKind.CHECK)
        approving = application_at(StepKind.COUNTY_APPROVAL, taken_by=county)
        approving.items.filter(item=item("dibao")).update(eligible=True, proposed_amount=525)

        reviewer = staff_page(township)
        reviewer.goto(f"/cases/{checking.pk}/")
        reviewer.get_by_role("button", name="确认核对并预审").click()
        reviewer.get_by_text("该步骤由村(社区)办理；代为办理须填写代办理由").wait_for()
        reviewer.get_by_label("代办理由").fill("村社工作人员病假，镇街代为核对")
        reviewer.get_by_role("button", name="确认核对并预审").click()
        reviewer.get_by_role("button", name="保存入户调查").wait_for()
        timeline = reviewer.locator(".timeline").inner_text()
        assert f"{township} 代 松枫社区 办理，代办理由：村社工作人员病假，镇街代为核对" in timeline

        taker = staff_page(county)
        taker.goto(f"/cases/{approving.pk}/")
        notice = "您是该申请的受理人，按职责分离规定不能作县级审批，请由其他审批人办理。"
        assert taker.get_by_text(notice).first.is_visible()
        taker.get_by_label("审批意见").fill("同意")
        taker.get_by_role("button", name="批准", exact=True).click()
        taker.get_by_role("alert").filter(has_text=notice).wait_for()
        approving.refresh_from_db()
        assert approving.status == ApplicationStatus.IN_PROGRESS
        for page in (reviewer, taker):
            page.context.close()
