import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from minzheng.accounts.enums import Role
from minzheng.core.enums import AuditAction
from minzheng.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_issue_token_prints_a_working_token_once(make_staff):
    user = make_staff(Role.COUNTY_CASEWORKER)
    out = io.StringIO()
    call_command(
        "issue_token", user.username, "--name", "核对系统对接", "--scope", "read", stdout=out
    )
    token = out.getvalue().strip()
    me = Client(headers={"Authorization": f"Bearer {token}"}).get("/api/v1/accounts/me")
    assert me.json()["username"] == user.username
    assert AuditEvent.objects.filter(action=AuditAction.TOKEN_ISSUED).count() == 1


def test_issue_token_refuses_unknown_users_and_bad_lifetimes(make_staff):
    user = make_staff(Role.COUNTY_CASEWORKER)
    with pytest.raises(CommandError, match="没有名为 nobody 的有效账号"):
        call_command("issue_token", "nobody", "--name", "x")
    with pytest.raises(CommandError, match="有效期须在 1 到 366 天之间"):
        call_command("issue_token", user.username, "--name", "x", "--days", "999")
