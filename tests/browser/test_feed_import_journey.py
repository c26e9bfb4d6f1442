"""A county caseworker imports a 人社 feed, a clerk settles an uncertain link, the feed is merged
and the 核对报告 shows what 人社 said."""

import datetime as dt
import re

import pytest

from minzheng.accounts.enums import Role
from minzheng.integration.models import LinkReview
from minzheng.registry.tests.factories import MembershipFactory, PersonFactory, resident_id
from tests.browser.test_staff_journeys import SCREENSHOTS, _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _residents():
    people = []
    for name, born, male in (
        ("张建国", dt.date(1958, 4, 12), True),
        ("王秀英", dt.date(1961, 11, 3), False),
        ("沈美华", dt.date(1949, 2, 8), False),
        # Another woman of the same name born the same day, in another household.
        ("沈美华", dt.date(1949, 2, 8), False),
    ):
        person = PersonFactory(
            name=name,
            birth_date=born,
            gender="male" if male else "female",
            id_number=resident_id(born, male=male),
        )
        MembershipFactory(person=person)
        people.append(person)
    return people


def _feed(people) -> bytes:
    zhang, wang, shen, _namesake = people
    rows = [
        "编号,姓名,身份证号,性别,出生日期,手机,就业状态,养老保险类型,月养老金",
        f"RS1,{zhang.name},{zhang.id_number},男,1958-04-12,{zhang.phone},退休,职工养老保险,3350.50",
        f"RS2,{wang.name},{wang.id_number},女,1961-11-03,,退休,城乡居民养老保险,300",
        # No ID number and no phone: name, sex and birth date fit both 沈美华 equally.
        f"RS3,{shen.name},,女,1949-02-08,,退休,城乡居民养老保险,260",
        "RS4,赵无名,,男,1985-05-05,,失业,,不详",
    ]
    return ("\n".join(rows) + "\n").encode()


def test_import_review_merge_and_read_the_check_report(page, make_staff):
    caseworker = make_staff(Role.COUNTY_CASEWORKER)
    people = _residents()
    _log_in(page, caseworker.username)

    page.get_by_role("link", name="数据导入").first.click()
    page.get_by_label("数据来源部门").select_option(label="人社")
    page.get_by_label("数据截止日期").fill("2026-09-30")
    page.get_by_label("文件").set_input_files(
        {"name": "人社2026年9月.csv", "mimeType": "text/csv", "buffer": _feed(people)}
    )
    page.get_by_role("button", name="上传").click()

    # The saved mapping is empty the first time: map the Chinese headings by hand.
    for label, heading in (
        ("记录编号", "编号"),
        ("姓名", "姓名"),
        ("身份证号", "身份证号"),
        ("性别", "性别"),
        ("出生日期", "出生日期"),
        ("联系电话", "手机"),
        ("就业状态", "就业状态"),
        ("养老保险类型", "养老保险类型"),
        ("月养老金", "月养老金"),
    ):
        page.get_by_label(label, exact=True).select_option(heading)
    page.get_by_role("button", name="预览前 5 行").click()
    preview = page.locator("#preview")
    preview.get_by_text("RS4").wait_for()
    assert "“不详”不是有效的数字。" in preview.inner_text()
    assert people[0].id_number not in preview.inner_text()  # masked in the preview

    page.get_by_role("button", name="开始校验并比对户籍").click()
    status = page.get_by_test_id("import-status")
    status.filter(has_text="待入库").wait_for(timeout=60_000)
    assert page.get_by_test_id("count-matched").inner_text() == "2"
    assert page.get_by_test_id("count-review").inner_text() == "1"
    assert "RS4" in page.get_by_test_id("rows-invalid").inner_text()
    page.set_viewport_size({"width": 375, "height": 800})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "feed-import-linked.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})

    page.get_by_role("link", name="去审核").click()
    page.get_by_role("button", name="确认同一人").first.click()
    page.get_by_text("确认同一人", exact=False).first.wait_for()
    page.go_back()
    page.reload()

    page.get_by_role("button", name="确认入库").click()
    status.filter(has_text="已入库").wait_for(timeout=60_000)
    assert page.get_by_test_id("created-count").inner_text() == "3"

    # The pension 人社 reported is on the 核对报告 of the 沈美华 the clerk confirmed.
    confirmed = LinkReview.objects.get(record_id="RS3", status="approved").person
    page.goto(f"/registry/households/{confirmed.memberships.get().household_id}/")
    page.get_by_role("link", name="核对报告").click()
    page.wait_for_url(re.compile(r"/report/$"))
    report = page.locator("main").inner_text()
    assert "人社" in report
    assert "260.00" in report
