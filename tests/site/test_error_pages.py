"""Users see Chinese (or English) error pages in the site's layout, never Django's debug page.

The test settings run with DEBUG off, as production and ``make run`` do; a developer gets the
debug pages only by asking for them with DJANGO_DEBUG=1.
"""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client

from minzheng.accounts.enums import Role
from minzheng.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db


def _client(user=None, *, language: str | None = None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _debug_page_shown(text: str) -> bool:
    return any(mark in text for mark in ("URLconf", "Traceback", "Page not found", "DEBUG = True"))


def test_a_link_to_a_household_out_of_scope_is_the_chinese_404(make_staff):
    home = household_with_members(1)  # in 当湖街道
    outsider = make_staff(Role.TOWNSHIP_WORKER, 330482101000)  # 乍浦镇
    response = _client(outsider).get(f"/registry/households/{home.pk}/")
    text = response.content.decode()
    assert response.status_code == 404
    assert "记录不存在或无权访问" in text
    assert "民政业务平台" in text  # the site's own layout
    assert not _debug_page_shown(text)


def test_an_unknown_address_is_the_chinese_404(county_admin):
    response = _client(county_admin).get("/registry/no-such-page/")
    assert response.status_code == 404
    assert "记录不存在或无权访问" in response.content.decode()
    assert not _debug_page_shown(response.content.decode())


def test_a_page_outside_the_role_is_the_chinese_403(make_staff):
    response = _client(make_staff(Role.VILLAGE_WORKER, 330482001034)).get("/audit/")
    assert response.status_code == 403
    assert "您的角色没有此功能的权限" in response.content.decode()


@pytest.mark.urls("tests.site.urls_failing")
@pytest.mark.parametrize(
    ("language", "heading"), [(None, "系统出错"), ("en", "System error")], ids=["zh", "en"]
)
def test_a_server_error_is_the_site_500_page_in_the_users_language(county_admin, language, heading):
    response = _client(county_admin, language=language).get("/failing/")
    text = response.content.decode()
    assert response.status_code == 500
    assert f"<h1>{heading}</h1>" in text
    assert "internal detail" not in text
    assert not _debug_page_shown(text)


def _debug_under_make_run(**environment: str) -> str:
    """DEBUG as ``make run`` (the minzheng command, config.django.local) would see it."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_DEBUG"}
    env.update(DJANGO_SETTINGS_MODULE="config.django.local", **environment)
    script = "from django.conf import settings; print(settings.DEBUG)"
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_make_run_serves_without_debug_pages_unless_a_developer_asks():
    assert _debug_under_make_run() == "False"
    assert _debug_under_make_run(DJANGO_DEBUG="1") == "True"


def test_a_form_sent_without_its_csrf_token_gets_the_chinese_page(db):
    response = Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {"username": "x", "password": "y"}
    )
    assert response.status_code == 403
    assert "<h1>页面已过期</h1>" in response.content.decode()
    assert "CSRF verification failed" not in response.content.decode()
