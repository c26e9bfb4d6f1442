"""API bearer tokens: issued once in clear, stored as a digest, checked on every call."""

import datetime as dt
import secrets
from collections.abc import Collection
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.accounts.enums import READ_SCOPES, SCOPE_CAPABILITIES, ApiScope
from minzheng.accounts.models import ApiToken, User
from minzheng.core.audit import audit_record
from minzheng.core.clock import now
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError


@dataclass(frozen=True)
class TokenHolder:
    """Who called with a token, and what the token may be used for."""

    user: User
    scopes: frozenset[ApiScope]


def _usable(user: User, scope: ApiScope) -> bool:
    return any(user.has_capability(capability) for capability in SCOPE_CAPABILITIES[scope])


def usable_read_scopes(user: User) -> set[str]:
    """The read scopes of which the user holds a capability: a read-only token's scopes."""
    return {scope.value for scope in READ_SCOPES if _usable(user, scope)}


def _scopes_check(user: User, scopes: Collection[str]) -> list[ApiScope]:
    """The scopes as enum members, refusing unknown ones and those the user could never use."""
    unknown = sorted(set(scopes) - set(ApiScope.values))
    if unknown:
        raise ApplicationError(
            _("未知的权限范围：%(scopes)s。") % {"scopes": "、".join(unknown)},
            fields={"scopes": _("权限范围无效")},
        )
    chosen = sorted({ApiScope(scope) for scope in scopes})
    if not chosen:
        message = _("请至少选择一个权限范围。")
        raise ApplicationError(message, fields={"scopes": message})
    beyond = [scope for scope in chosen if not _usable(user, scope)]
    if beyond:
        raise ApplicationError(
            _("该账号无权使用以下权限范围：%(scopes)s。")
            % {"scopes": "、".join(scope.value for scope in beyond)},
            fields={"scopes": _("超出账号权限")},
        )
    return chosen


@transaction.atomic
def api_token_issue(
    *, actor: User, user: User, name: str, scopes: Collection[str], days: int = 90
) -> str:
    """Create a token for ``user`` and return its clear text, which is never stored.

    Raises:
        ApplicationError: a lifetime outside 1-366 days, no scope, an unknown scope, or a scope
            of which the user holds none of the capabilities (``SCOPE_CAPABILITIES``).
    """
    if days < 1 or days > 366:
        raise ApplicationError("有效期须在 1 到 366 天之间。", fields={"days": "有效期超出范围"})
    chosen = _scopes_check(user, scopes)
    raw = "mz_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        digest=ApiToken.digest_of(raw),
        expires_at=now() + dt.timedelta(days=days),
        scopes=[scope.value for scope in chosen],
    )
    audit_record(
        actor=actor,
        action=AuditAction.TOKEN_ISSUED,
        target_type="accounts.apitoken",
        target_id=token.pk,
        changes={"scopes": token.scopes},
    )
    return raw


def api_token_authenticate(raw: str) -> TokenHolder | None:
    """The active user the token belongs to and its scopes, or None if unknown, expired or
    disabled."""
    token = (
        ApiToken.objects.select_related("user", "user__jurisdiction")
        .filter(digest=ApiToken.digest_of(raw), expires_at__gt=now(), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now())
    known = set(ApiScope.values)
    return TokenHolder(
        user=token.user,
        scopes=frozenset(ApiScope(scope) for scope in token.scopes if scope in known),
    )
