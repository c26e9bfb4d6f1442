import importlib

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from minzheng.accounts.enums import Role
from minzheng.accounts.models import ApiToken
from minzheng.accounts.services.tokens import api_token_authenticate, api_token_issue
from minzheng.accounts.system import system_user
from minzheng.core.exceptions import ApplicationError
from minzheng.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _nothing_issued():
    return ApiToken.objects.count(), AuditEvent.objects.count()


def test_a_token_carries_the_scopes_it_was_issued_with(make_staff):
    user = make_staff(Role.COUNTY_CASEWORKER)
    raw = api_token_issue(actor=system_user(), user=user, name="省平台", scopes=["cases:read"])
    holder = api_token_authenticate(raw)
    assert holder.user == user
    assert {scope.value for scope in holder.scopes} == {"cases:read"}
    event = AuditEvent.objects.get(target_type="accounts.apitoken")
    assert event.changes == {"scopes": ["cases:read"]}


def test_a_scope_beyond_the_users_capabilities_is_refused(make_staff):
    village = make_staff(Role.VILLAGE_WORKER, 330482001034)
    before = _nothing_issued()
    with pytest.raises(ApplicationError) as refused:
        api_token_issue(
            actor=system_user(),
            user=village,
            name="银行",
            scopes=["payments:write", "warnings:read"],
        )
    assert str(refused.value.message) == "该账号无权使用以下权限范围：payments:write。"
    assert _nothing_issued() == before


@pytest.mark.parametrize(
    ("scopes", "message"),
    [([], "请至少选择一个权限范围。"), (["cases:write"], "未知的权限范围：cases:write。")],
)
def test_no_scope_or_an_unknown_one_is_refused(make_staff, scopes, message):
    before = _nothing_issued()
    with pytest.raises(ApplicationError) as refused:
        api_token_issue(
            actor=system_user(), user=make_staff(Role.COUNTY_CASEWORKER), name="x", scopes=scopes
        )
    assert str(refused.value.message) == message
    assert refused.value.fields == {"scopes": refused.value.fields["scopes"]}
    assert _nothing_issued() == before


def test_the_command_issues_read_only_tokens_with_the_users_read_scopes(make_staff, capsys):
    user = make_staff(Role.VILLAGE_WORKER, 330482001034)
    call_command("issue_token", user.username, "--name", "BI", "--scope", "read")
    token = ApiToken.objects.get()
    assert sorted(token.scopes) == [
        "cases:read",
        "profiles:read",
        "registry:read",
        "visits:read",
        "warnings:read",
    ]


def test_the_command_refuses_a_token_without_scopes_in_chinese(make_staff):
    user = make_staff(Role.COUNTY_CASEWORKER)
    with pytest.raises(CommandError, match="请至少选择一个权限范围"):
        call_command("issue_token", user.username, "--name", "x")
    assert not ApiToken.objects.exists()


def test_tokens_issued_before_scopes_keep_what_they_could_do_then(make_staff):
    user = make_staff(Role.COUNTY_CASEWORKER)
    raw = api_token_issue(actor=system_user(), user=user, name="旧令牌", scopes=["cases:read"])
    ApiToken.objects.update(scopes=[])  # as the column reads right after it is added
    migration = importlib.import_module("minzheng.accounts.migrations.0003_api_token_scopes")
    migration.grant_legacy_scopes(apps, None)
    assert {scope.value for scope in api_token_authenticate(raw).scopes} == {
        "audit:read",
        "registry:read",
        "registry:write",
        "reviews:read",
        "reviews:write",
    }
