"""Playwright in Debian's Chromium against Django's live server. No browser is downloaded."""

import importlib
import os
import re
import shutil
import threading
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by fixtures in
# that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class _OneRequestAtATime(ThreadedWSGIServer):
    """The live server, answering one request at a time.

    On SQLite the test database lives in memory and the server's threads share the test's one
    connection; a page whose sections load in parallel (the household page) then breaks that
    connection ("cannot open savepoint - SQL statements in progress"). Production has a
    connection per thread; only the tests' shared connection needs the requests in turn.
    """

    _turn = threading.Lock()

    def get_app(self) -> Any:
        app = super().get_app()

        def in_turn(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
            with self._turn:
                response = app(environ, start_response)
                try:
                    return list(response)
                finally:
                    response.close()  # Django's request_finished, inside the turn

        return in_turn


LiveServerThread.server_class = _OneRequestAtATime

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is required for browser tests: make system-packages")
    from playwright.sync_api import sync_playwright

    # Playwright gives every launch a fresh temporary profile of its own.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def reference_divisions(transactional_db) -> None:
    """Reload the division tree that the previous live-server test's flush removed.

    Reuses the data migration's own loader, so the tree is exactly what a migrated database has.
    """
    from django.apps import apps

    from minzheng.divisions.models import Division

    if not Division.objects.exists():
        migration = importlib.import_module(
            "minzheng.divisions.migrations.0002_load_reference_divisions"
        )
        migration.load(apps, None)


@pytest.fixture
def case_reference_data(reference_divisions) -> None:
    """Reload the assistance catalogue and the holidays with the migrations' own loaders."""
    from django.apps import apps

    from minzheng.cases.models import AssistanceItem

    if not AssistanceItem.objects.exists():
        importlib.import_module("minzheng.cases.migrations.0002_seed_catalogue").seed(apps, None)
        importlib.import_module("minzheng.cases.migrations.0008_caseload").seed(apps, None)
    calendar = importlib.import_module(
        "minzheng.workdays.migrations.0002_seed_prc_holidays_2024_2026"
    )
    calendar.seed(apps, None)


@pytest.fixture
def staff_page(browser, live_server):
    """``staff_page(user, **context)``: a page of a new browser context, logged in as ``user``."""
    from tests.browser.test_staff_journeys import _log_in

    contexts = []

    def open_page(user, **options):
        context = browser.new_context(locale="zh-CN", base_url=live_server.url, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        _log_in(page, user.username)
        page.wait_for_url(re.compile(r"/$"))
        return page

    yield open_page
    for context in contexts:
        context.close()  # a no-op for those the test closed itself


# The steps of an application for the person of cases.tests.factories.POOR_CASE, as staff take
# them in the browser; the journeys assert what each step shows.


def application_take(page, *, signer: str, document: str, on: str) -> None:
    """受理 on the intake form of the chosen household: 低保, through the 村社, with consent."""
    page.get_by_label("最低生活保障").check()
    page.get_by_label("申请渠道").select_option(label="村社代办")
    page.get_by_label("家庭成员已签署核对授权书").check()
    page.get_by_label("签署日期").fill(on)
    page.get_by_label("签字人").fill(signer)
    page.get_by_label("授权书编号").fill(document)
    page.get_by_role("button", name="受理").click()


DECLARATIONS = {
    "assets.financial": ("12000", "本人申报存折余额，入户核实"),
    "support_received_monthly": ("0", "其子未给付赡养费，本人申报"),
    "has_capable_supporter": ("true", "入户询问，其子在本市务工"),
}


def application_check(page, *, declare: bool = True) -> str:
    """核对: no department reports her pension; her savings, support and son are 未核对.

    The worker enters the pension with its source and, unless ``declare`` is false, records
    the household's declaration of the three 未核对 facts (家庭经济状况声明书 SM-2026-0001).
    Returns the rules' proposal for 低保 once the 入户调查 form is shown.
    """
    page.locator('input[name="value:members[0].monthly_income"]').fill("620")
    page.locator('input[name="source:members[0].monthly_income"]').fill("申请人提供养老金存折")
    for path, (value, reason) in DECLARATIONS.items() if declare else ():
        field = page.locator(f'[name="value:{path}"]')
        if path == "has_capable_supporter":
            field.select_option(value)
        else:
            field.fill(value)
        page.locator(f'input[name="declare_reason:{path}"]').fill(reason)
        page.locator(f'input[name="declare_document:{path}"]').fill("SM-2026-0001")
    page.get_by_role("button", name="确认核对并预审").click()
    page.get_by_role("button", name="保存入户调查").wait_for()
    return page.locator("#item-dibao").inner_text()


def application_investigate(page, *, on: str) -> None:
    """入户调查, then wait for the application to reach 镇街审核."""
    page.get_by_label("入户日期").fill(on)
    page.get_by_label("在场人员").fill("申请人本人、社区工作人员2名")
    page.get_by_label("生活状况").fill("独居，平房一间，无大件家电。")
    page.get_by_role("button", name="保存入户调查").click()
    page.get_by_text("镇街审核").last.wait_for()


def application_review(page, application) -> None:
    """镇街审核: the 镇街 agrees and sends the application to 公示."""
    page.goto(f"/cases/{application.pk}/")
    page.get_by_label("审核意见").fill("入户调查属实，同意公示。")
    page.get_by_role("button", name="提交审核意见").click()


def application_approve(page, application) -> None:
    """县级审批: the county grants what the rules proposed."""
    page.goto(f"/cases/{application.pk}/")
    page.get_by_label("审批意见").fill("同意")
    page.get_by_role("button", name="批准", exact=True).click()
