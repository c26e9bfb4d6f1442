import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.core.enums import AuditAction
from minzheng.core.models import AuditEvent

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
PASSWORD = "correct-horse-battery-staple"  # as set by the make_staff fixture


def _login(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def test_login_page_is_chinese():
    response = Client().get(LOGIN)
    assert response.status_code == 200
    assert "登录" in response.content.decode()
    assert 'lang="zh-hans"' in response.content.decode()


def test_successful_login_is_audited_and_redirects_home(make_staff):
    user = make_staff(Role.TOWNSHIP_WORKER, 330482001000)
    response = _login(Client(), user.username)
    assert response.status_code == 302
    assert response["Location"] == reverse("workbench:home")
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_SUCCEEDED)
    assert event.actor == user
    assert event.ip_address == "127.0.0.1"


def test_wrong_password_is_refused_in_chinese_and_audited(make_staff):
    user = make_staff(Role.TOWNSHIP_WORKER, 330482001000)
    response = _login(Client(), user.username, "wrong")
    assert response.status_code == 400
    assert "账号或密码不正确" in response.content.decode()
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.actor is None
    assert event.actor_username == user.username
    assert event.division_code == 330482001000


def test_locks_the_account_after_repeated_failures_even_with_the_right_password(make_staff):
    user = make_staff(Role.TOWNSHIP_WORKER, 330482001000)
    client = Client()
    for _ in range(settings.MINZHENG_LOGIN_MAX_FAILURES):
        _login(client, user.username, "wrong")

    response = _login(client, user.username)

    assert response.status_code == 400
    assert "账号已临时锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_LOCKED).count() == 1


def test_lock_expires_after_the_lockout_window(make_staff):
    user = make_staff(Role.TOWNSHIP_WORKER, 330482001000)
    with time_machine.travel("2026-11-22 08:00 +0800", tick=False):
        for _ in range(settings.MINZHENG_LOGIN_MAX_FAILURES):
            _login(Client(), user.username, "wrong")
    later = 60 + settings.MINZHENG_LOGIN_LOCKOUT_SECONDS
    with time_machine.travel("2026-11-22 08:00 +0800", tick=False) as traveller:
        traveller.shift(later)
        assert _login(Client(), user.username).status_code == 302


def test_login_requires_csrf(make_staff):
    user = make_staff(Role.TOWNSHIP_WORKER, 330482001000)
    client = Client(enforce_csrf_checks=True)
    assert _login(client, user.username).status_code == 403


def test_sessions_time_out_when_idle_and_passwords_use_argon2():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    from config.django import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_logout_is_a_post_and_is_audited(make_staff, client_for):
    user = make_staff(Role.TOWNSHIP_WORKER, 330482001000)
    client = client_for(user)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.LOGOUT, actor=user).exists()
