"""API bearer tokens: issued once in clear, stored as a digest, checked on every call."""

import datetime as dt
import secrets

from django.db import transaction

from minzheng.accounts.models import ApiToken, User
from minzheng.core.audit import audit_record
from minzheng.core.clock import now
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError


@transaction.atomic
def api_token_issue(*, actor: User | None, user: User, name: str, days: int = 90) -> str:
    """Create a token for ``user`` and return its clear text, which is never stored."""
    if days < 1 or days > 366:
        raise ApplicationError("有效期须在 1 到 366 天之间。", fields={"days": "有效期超出范围"})
    raw = "mz_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        digest=ApiToken.digest_of(raw),
        expires_at=now() + dt.timedelta(days=days),
    )
    audit_record(
        actor=actor,
        action=AuditAction.TOKEN_ISSUED,
        target_type="accounts.apitoken",
        target_id=token.pk,
        actor_username="system" if actor is None else None,
    )
    return raw


def api_token_authenticate(raw: str) -> User | None:
    """The active user the token belongs to, or None if unknown, expired or disabled."""
    token = (
        ApiToken.objects.select_related("user", "user__jurisdiction")
        .filter(digest=ApiToken.digest_of(raw), expires_at__gt=now(), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now())
    return token.user
