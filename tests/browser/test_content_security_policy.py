"""The pages work under the Content Security Policy: charts, htmx forms, the visit form and
the language menu, with no policy violation and no script error in the browser."""

import re
from pathlib import Path

import pytest

from conftest import SONGFENG
from minzheng.accounts.enums import Role
from minzheng.accounts.system import system_user
from minzheng.registry.tests.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

# Collected in the page itself from the first script on: every CSP violation the browser saw.
WATCH_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


@pytest.fixture
def watched(staff_page):
    """``watched(user)``: a logged-in page whose console errors and CSP violations are kept."""
    problems: list[str] = []

    def open_page(user, **options):
        page = staff_page(user, **options)
        page.add_init_script(WATCH_VIOLATIONS)
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        return page

    def seen(page) -> list[str]:
        return problems + page.evaluate("window.cspViolations || []")

    open_page.seen = seen
    return open_page


def test_every_page_sends_the_policy(page):
    response = page.goto("/accounts/login/", timeout=30_000)  # the first page of the server
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("style-src-attr")[0]


def test_dashboard_charts_draw_under_the_policy(watched, make_staff):
    _county_with_profiles()
    page = watched(make_staff(Role.COUNTY_CASEWORKER))
    page.goto("/dashboard/")
    page.locator("[data-chart] canvas").first.wait_for()
    page.locator("[data-chart] canvas").first.hover()  # the tooltip is HTML with style attributes
    page.wait_for_timeout(300)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "csp-dashboard.png", full_page=True)
    assert watched.seen(page) == []


def test_search_as_you_type_and_reveal_work_under_the_policy(watched, make_staff):
    person = MembershipFactory(person__name="曾国平").person
    page = watched(make_staff(Role.TOWNSHIP_WORKER, 330482001000))
    page.goto("/registry/households/")
    page.get_by_label("查询内容").fill("zgp")
    page.locator("#results").get_by_role("link").first.click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="显示").first.click()
    page.locator(".revealed").first.wait_for()
    assert person.id_number in page.locator("table").inner_text()
    assert page.get_by_role("button", name="显示").count() == 0  # used once, then removed
    assert watched.seen(page) == []


def test_the_visit_form_saves_under_the_policy(watched, make_staff):
    from minzheng.visits.tests.factories import home

    household = home(head="王芳")
    page = watched(make_staff(Role.VILLAGE_WORKER, SONGFENG))
    page.goto(f"/visits/households/{household.pk}/new/")
    page.get_by_label("探访情况").fill("电话回访，老人说腿疼。")
    page.locator('input[name="mode"]').first.check()
    page.get_by_role("button", name=re.compile("保存")).first.click()
    page.get_by_role("heading", name="探访记录已保存").wait_for()
    assert watched.seen(page) == []


def test_the_language_menu_switches_under_the_policy(watched, make_staff):
    page = watched(make_staff(Role.TOWNSHIP_WORKER, 330482001000))
    page.get_by_label("界面语言").select_option("en")
    page.locator("html[lang=en]").wait_for(state="attached")
    assert page.get_by_role("link", name="Household search").first.is_visible()
    assert watched.seen(page) == []


def _county_with_profiles() -> None:
    """Three households profiled, as the dashboard tests set them up."""
    from minzheng.eligibility.services import determinations_run
    from minzheng.eligibility.tests.test_runs_and_whatif import AS_OF, _single
    from minzheng.profiling.services import profiles_run

    _single("500")
    _single("0", division=330482103217)
    determinations_run(actor=system_user(), as_of=AS_OF)
    profiles_run(actor=system_user(), as_of=AS_OF)


def test_the_api_documentation_renders_under_the_policy(watched, make_staff):
    page = watched(make_staff(Role.COUNTY_CASEWORKER))
    page.goto("/api/v1/docs")
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert watched.seen(page) == []


@pytest.mark.parametrize("url", ["/integration/reviews/", "/workdays/"])
def test_pages_with_their_own_style_sheet_render_under_the_policy(watched, county_admin, url):
    page = watched(county_admin)
    page.goto(url)
    page.locator("main h1").first.wait_for()
    assert page.locator("main style[nonce]").count() == 1
    assert watched.seen(page) == []


def test_the_400_and_404_pages_fit_a_phone(watched, make_staff):
    page = watched(
        make_staff(Role.TOWNSHIP_WORKER, 330482001000), viewport={"width": 375, "height": 740}
    )
    response = page.goto("/registry/households/?q=%00")
    assert response.status == 400
    assert (
        page.get_by_role("alert").inner_text() == "参数 q 含有不允许的空字符 (NUL)，请删除后重试。"
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "error-400-phone.png", full_page=True)
    response = page.goto("/registry/no-such-page/")
    assert response.status == 404
    assert page.get_by_role("heading", name="记录不存在或无权访问").is_visible()
    page.screenshot(path=SCREENSHOTS / "error-404-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    # The console reports the 4xx answers themselves; the policy must see nothing.
    assert page.evaluate("window.cspViolations") == []
