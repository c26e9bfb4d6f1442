import datetime as dt
from pathlib import Path

import pytest

from minzheng.accounts.enums import Role
from minzheng.accounts.system import system_user
from minzheng.eligibility.services import determinations_run
from minzheng.integration.enums import Department
from minzheng.integration.tests.factories import source_record
from minzheng.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-staple"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def county(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for wage in ("1000", "1180", "9000"):
        person = PersonFactory(birth_date=dt.date(1980, 1, 1))
        MembershipFactory(household=HouseholdFactory(), person=person)
        source_record(
            person, Department.SOCIAL_SECURITY, {"monthly_wage": wage}, as_of=dt.date(2026, 10, 31)
        )
    determinations_run(actor=system_user(), as_of=dt.date(2026, 11, 1))


def test_a_caseworker_runs_a_whatif_and_reads_the_chart_on_a_phone(page, make_staff, county):
    user = make_staff(Role.COUNTY_CASEWORKER)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/accounts/login/")
    page.get_by_label("账号").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto("/eligibility/whatif/")

    page.get_by_label("参数").select_option("dibao.standard")
    page.get_by_label("新取值").fill("1200")
    page.get_by_role("button", name="开始测算").click()

    page.get_by_role("heading", name="政策测算结果").wait_for()
    assert "+75" in page.locator(".facts").inner_text()  # 55 more for one, 20 for a new one
    chart = page.locator("[data-chart] canvas")
    chart.wait_for()
    assert chart.bounding_box()["width"] > 300
    assert page.locator("#households").inner_text().count("当湖街道") == 0
    assert "新增享受" in page.locator("#households").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="导出 Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "policy-whatif-375.png", full_page=True)
