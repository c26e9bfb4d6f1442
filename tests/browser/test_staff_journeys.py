import re
from pathlib import Path

import pytest

from minzheng.accounts.enums import Role
from minzheng.registry.tests.factories import MembershipFactory, household_with_members

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-staple"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def _log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("账号").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_login_with_wrong_then_right_password(page, make_staff):
    user = make_staff(Role.TOWNSHIP_WORKER, 330482001000)
    page.goto("/accounts/login/")
    assert page.get_by_role("heading", name="工作人员登录").is_visible()
    page.get_by_label("账号").fill(user.username)
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()
    assert page.get_by_role("alert").inner_text() == "账号或密码不正确。"

    _log_in(page, user.username)

    page.wait_for_url(re.compile(r"/$"))
    assert page.get_by_role("link", name="户籍查询").first.is_visible()


def test_search_then_open_household_and_reveal_an_id(page, make_staff):
    user = make_staff(Role.TOWNSHIP_WORKER, 330482001000)
    person = MembershipFactory(person__name="曾国平").person
    MembershipFactory(
        household=person.memberships.get().household, relation="spouse", person__name="沈美华"
    )
    _log_in(page, user.username)
    page.get_by_role("link", name="户籍查询").first.click()

    page.get_by_label("查询内容").fill("zgp")  # pinyin initials, searched as the user types
    result = page.locator("#results").get_by_role("link").first
    result.wait_for()
    assert page.locator("#results").inner_text().count("曾国平") == 1
    result.click()

    assert page.get_by_role("heading", name=re.compile("户号")).is_visible()
    assert page.get_by_text("沈美华").is_visible()
    masked = page.locator(f"#id-{person.pk}")
    assert "********" in masked.inner_text()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="显示").first.click()
    page.locator(".revealed").first.wait_for()
    assert person.id_number in page.locator("table").inner_text()


def test_household_outside_jurisdiction_is_not_found(page, make_staff):
    home = household_with_members(1)  # in 当湖街道
    outsider = make_staff(Role.TOWNSHIP_WORKER, 330482101000)  # 乍浦镇
    _log_in(page, outsider.username)
    page.wait_for_url(re.compile(r"/$"))

    response = page.goto(f"/registry/households/{home.pk}/")

    assert response.status == 404
    assert page.get_by_role("heading", name="记录不存在或无权访问").is_visible()


def test_household_page_fits_a_phone(browser, live_server, make_staff):
    user = make_staff(Role.VILLAGE_WORKER, 330482001034)
    home = household_with_members(4)
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, base_url=live_server.url, locale="zh-CN"
    )
    page = context.new_page()
    _log_in(page, user.username)
    page.wait_for_url(re.compile(r"/$"))
    page.goto(f"/registry/households/{home.pk}/")

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "household-phone.png"), full_page=True)
    context.close()
    assert overflow <= 0
