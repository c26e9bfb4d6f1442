"""A county caseworker brings in the provincial roll on the import page, finds on 在册复核 the
benefit the rules judge differently, and keeps it with a reason."""

import datetime as dt

import pytest

from minzheng.accounts.enums import Role
from minzheng.accounts.system import system_user
from minzheng.cases.enums import CaseloadReviewStatus
from minzheng.cases.models import CaseloadReview
from minzheng.cases.tests.caseload.conftest import roll, roll_row
from minzheng.eligibility.services import determinations_run
from minzheng.integration.enums import Department
from minzheng.integration.tests.factories import source_record
from minzheng.registry.enums import Relation
from minzheng.registry.tests.factories import (
    HouseholdFactory,
    MembershipFactory,
    PersonFactory,
    resident_id,
)
from tests.browser.test_staff_journeys import SCREENSHOTS, _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AS_OF = dt.date(2026, 10, 31)


def roll_recipient(name: str, born: dt.date, wage: str):
    """A person living alone whose wage 人社 reported on the roll's date."""
    home = HouseholdFactory()
    person = PersonFactory(name=name, birth_date=born, id_number=resident_id(born))
    MembershipFactory(household=home, person=person, relation=Relation.HEAD)
    source_record(person, Department.SOCIAL_SECURITY, {"monthly_wage": wage}, as_of=AS_OF)
    return person


def test_roll_imported_and_a_review_item_kept(page, make_staff, case_reference_data):
    agreed = roll_recipient("张建国", dt.date(1980, 4, 12), "1000")  # 低保 145 under the rules
    overpaid = roll_recipient("王秀英", dt.date(1981, 11, 3), "1000")
    determinations_run(actor=system_user(), as_of=AS_OF)
    data = roll(
        roll_row("ZC1", agreed, "低保", "145"),
        roll_row("ZC2", overpaid, "低保", "600", 银行账号="6230910087654321"),
    )
    caseworker = make_staff(Role.COUNTY_CASEWORKER)
    _log_in(page, caseworker.username)

    page.get_by_role("link", name="数据导入").first.click()
    page.get_by_label("数据来源部门").select_option(label="在册对象")
    page.get_by_label("数据截止日期").fill(AS_OF.isoformat())
    page.get_by_label("文件").set_input_files(
        {
            "name": "在册名册.csv",
            "mimeType": "text/csv",
            "buffer": data,
        }
    )
    page.get_by_role("button", name="上传").click()
    # The roll's Chinese headings are the items' own names: the mapping fills itself.
    page.get_by_role("button", name="预览前 5 行").click()
    preview = page.locator("#preview")
    preview.get_by_role("cell", name="ZC2", exact=True).wait_for()
    assert "6230910087654321" not in preview.inner_text()
    page.get_by_role("button", name="开始校验并比对户籍").click()
    status = page.get_by_test_id("import-status")
    status.filter(has_text="待入库").wait_for(timeout=60_000)
    page.get_by_role("button", name="确认入库").click()
    status.filter(has_text="已入库").wait_for(timeout=60_000)

    page.get_by_role("link", name="在册复核").first.click()
    worklist = page.get_by_test_id("caseload-worklist")
    worklist.get_by_text("在册金额与规则测算不一致").wait_for()
    text = worklist.inner_text()
    assert "600.00 元/月" in text
    assert "符合 145.00 元/月" in text
    assert "6230910087654321" not in text
    page.set_viewport_size({"width": 375, "height": 800})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "caseload-worklist.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})

    worklist.get_by_label("处理意见").fill("原审批含分类施保加发，经核属实")
    worklist.get_by_role("button", name="维持现状").click()
    worklist.get_by_role("status").filter(has_text="维持现状").wait_for()
    assert CaseloadReview.objects.get().status == CaseloadReviewStatus.KEPT
