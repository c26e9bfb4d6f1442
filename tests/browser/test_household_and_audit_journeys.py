"""A 村社 worker's household page and 主动发现, a charity's claim, and the auditor's reading."""

import datetime as dt
import re
import uuid
from decimal import Decimal
from pathlib import Path

import pytest

from minzheng.accounts.enums import Role
from minzheng.cases.enums import StepKind
from minzheng.cases.tests.factories import application_at, poor_home
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction
from minzheng.eligibility.models import Determination, DeterminationRun
from minzheng.visits.services.visits import visit_record
from minzheng.visits.tests.factories import draft

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("case_reference_data"),
]
PASSWORD = "correct-horse-battery-staple"
SONGFENG = 330482001034
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
ZERO = dict.fromkeys(
    [
        f"{p}_{f}"
        for p in ("tekun", "dibao", "dibao_single", "dibao_edge", "rigid_expenditure")
        for f in ("amount", "reasons")
    ],
    0,
)


def _log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("账号").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/$"))


def _shots(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})


@pytest.fixture
def family(make_staff):
    """A 松枫社区 household with an application, a visit and its wish, found by the rules."""
    worker = make_staff(Role.VILLAGE_WORKER, SONGFENG)
    home = poor_home("张秀英")
    application = application_at(StepKind.INVESTIGATION, household=home)
    visit_record(
        actor=worker,
        household_id=home.pk,
        draft=draft(
            submission_id=uuid.uuid4(),
            visited_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1),
            wish_item="助听器",
            wish_value=Decimal("450"),
        ),
    )
    found = poor_home("李桂兰")
    run = DeterminationRun.objects.create(
        as_of=dt.date(2026, 10, 31), rules_version="t", is_current=True
    )
    Determination.objects.create(
        run=run,
        household=found,
        division_code=found.division_id,
        resident_count=1,
        per_capita_income_cents=0,
        eligible_bits=2,
        **ZERO,
    )
    return worker, home, application, found


def test_the_village_worker_follows_a_household_from_discovery_to_its_report(page, family):
    worker, home, application, found = family
    _log_in(page, worker.username)

    page.get_by_role("link", name="主动发现").first.click()
    row = page.locator("#households tr", has_text=found.number)
    assert "松枫社区" in row.inner_text()
    assert row.get_by_role("link", name="受理").is_visible()
    _shots(page, "discovery")
    row.get_by_role("link", name="受理").click()
    assert found.number in page.content()

    page.goto(f"/registry/households/{home.pk}/")
    page.locator("#household-applications").wait_for()
    page.locator("#household-warnings").wait_for()
    page.locator("#household-visits").wait_for()
    page.locator("#household-wishes").wait_for()
    assert page.locator(".household-section", has_text="加载中").count() == 0
    assert application.number in page.locator("#household-applications").inner_text()
    assert "助听器" in page.locator("#household-wishes").inner_text()
    assert "上门" in page.locator("#household-visits").inner_text()
    _shots(page, "household-village")

    page.get_by_role("link", name="核对报告").click()
    assert page.get_by_role("heading", name=re.compile("核对报告")).is_visible()

    page.get_by_role("link", name="微心愿").first.click()
    mine = page.locator("table").first
    assert "助听器" in mine.inner_text()
    assert "待认领" in mine.inner_text()


def test_a_charity_claims_a_wish_and_the_raiser_sees_it(page, family, make_staff):
    charity = make_staff(Role.CHARITY_STAFF)
    _log_in(page, charity.username)
    page.get_by_role("link", name="微心愿").first.click()
    page.get_by_role("button", name="认领").first.click()
    assert "已认领心愿「助听器」" in page.get_by_role("status").inner_text()
    assert page.get_by_role("button", name="认领").count() == 0
    _shots(page, "wish-claimed")


def test_the_auditor_reads_the_log_a_case_and_payments_and_exports(page, family, make_staff):
    _worker, _home, application, _found = family
    admin = make_staff(Role.COUNTY_ADMIN)
    audit_record(
        actor=admin,
        action=AuditAction.UPDATE,
        target_type="cases.application",
        target_id=application.pk,
        division_code=application.division_id,
        changes={"step": "township_review", "status": ["in_progress", "refused"]},
    )
    auditor = make_staff(Role.AUDITOR)
    _log_in(page, auditor.username)

    page.get_by_role("link", name="审计日志").first.click()
    results = page.locator("#results")
    assert f"救助申请 {application.number}" in results.inner_text()
    assert "状态：办理中 → 不予批准" in results.inner_text()
    assert "环节：镇街审核" in results.inner_text()
    assert "cases.application" not in results.inner_text()
    _shots(page, "audit-log")
    with page.expect_download() as download:
        page.get_by_role("link", name="导出 Excel").click()
    assert download.value.suggested_filename == "audit-log.xlsx"

    page.get_by_role("link", name="救助申请").first.click()
    page.get_by_role("link", name=application.number).click()
    assert page.get_by_role("heading", name=re.compile(application.number)).is_visible()
    assert page.locator("form.step-form").count() == 0
    _shots(page, "auditor-application")

    page.get_by_role("link", name="资金发放").first.click()
    assert page.get_by_role("button", name="制单").count() == 0
