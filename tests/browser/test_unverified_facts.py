"""核对 never guesses: with nothing declared, 低保 waits as 待核对 and cannot be granted."""

import re

import pytest
import time_machine

from minzheng.accounts.enums import Role
from minzheng.cases.enums import ApplicationStatus
from minzheng.cases.models import Application
from minzheng.cases.tests.factories import poor_home
from tests.browser.conftest import (
    application_check,
    application_investigate,
    application_review,
    application_take,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("case_reference_data", "parameters_confirmed"),
]
SONGFENG = 330482001034
DANGHU = 330482001000


def test_a_case_with_a_missing_bank_fact_cannot_be_approved_without_a_declaration(
    make_staff, staff_page
):
    with time_machine.travel("2026-11-20 09:00 +0800", tick=True):
        village = make_staff(Role.VILLAGE_WORKER, SONGFENG)
        township = make_staff(Role.TOWNSHIP_WORKER, DANGHU)
        county = make_staff(Role.COUNTY_CASEWORKER)
        poor_home(name="张秀英")
        worker = staff_page(village)
        worker.goto("/cases/new/")
        worker.get_by_label("查找申请家庭").fill("张秀英")
        worker.get_by_role("link", name="为此户受理").click()
        application_take(worker, signer="张秀英", document="SQ-HD-2026-119", on="2026-11-20")
        worker.get_by_role("heading", name=re.compile("救助申请 SQ20261120-0001")).wait_for()
        application = Application.objects.get()

        # Nobody asked the banks and nothing is declared: the rows say 未核对 …
        assert worker.locator('select[name="value:has_capable_supporter"]').input_value() == ""
        assert "未核对" in worker.locator("table.values").inner_text()
        proposal = application_check(worker, declare=False)
        # … and the rules wait, naming what is missing, instead of granting on a guessed 0.
        assert "待核对" in proposal
        assert "家庭金融资产（银行存款、理财）" in proposal
        assert "525.00" not in proposal
        application_investigate(worker, on="2026-11-20")
        application_review(staff_page(township), application)

        approver = staff_page(county)
        approver.goto(f"/cases/{application.pk}/")
        approver.get_by_label("审批意见").fill("同意")
        approver.get_by_role("button", name="批准", exact=True).click()
        approver.get_by_text("审批意见不完整，未保存。").wait_for()
        message = approver.locator("#workflow").inner_text()
        assert "“最低生活保障”依赖尚未核对的事实：金融资产(元)" in message
        application.refresh_from_db()
        assert application.status == ApplicationStatus.IN_PROGRESS
