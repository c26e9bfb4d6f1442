"""Playwright in Debian's Chromium against Django's live server. No browser is downloaded."""

import importlib
import os
import shutil
from collections.abc import Iterator

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by fixtures in
# that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

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
