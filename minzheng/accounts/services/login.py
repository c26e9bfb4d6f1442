"""Staff login with lockout after repeated failures, counted from the audit log under a lock."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.clock import now
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError
from minzheng.core.locks import key_lock
from minzheng.core.models import AuditEvent

USER_TARGET = "accounts.user"


def _recent_failures(username: str) -> int:
    window_start = now() - dt.timedelta(seconds=settings.MINZHENG_LOGIN_LOCKOUT_SECONDS)
    last_success = (
        AuditEvent.objects.filter(
            actor_username=username,
            action=AuditAction.LOGIN_SUCCEEDED,
            occurred_at__gte=window_start,
        )
        .order_by("-occurred_at")
        .values_list("occurred_at", flat=True)
        .first()
    )
    since = max(window_start, last_success) if last_success else window_start
    return AuditEvent.objects.filter(
        actor_username=username, action=AuditAction.LOGIN_FAILED, occurred_at__gte=since
    ).count()


@transaction.atomic
def _attempt(username: str, password: str, request: HttpRequest | None) -> User | ApplicationError:
    """Count the name's recent failures, try the password if under the limit, audit the outcome.

    One transaction under the name's lock, so parallel guesses queue: each counts the failures
    the ones before it recorded. Refusals are returned, not raised, so their audit rows commit.
    """
    key_lock(f"{USER_TARGET}.login:{username}")
    if _recent_failures(username) >= settings.MINZHENG_LOGIN_MAX_FAILURES:
        audit_record(
            actor=None,
            action=AuditAction.LOGIN_LOCKED,
            target_type=USER_TARGET,
            actor_username=username,
        )
        minutes = settings.MINZHENG_LOGIN_LOCKOUT_SECONDS // 60
        return ApplicationError(
            _("登录失败次数过多，账号已临时锁定，请 %(minutes)d 分钟后再试。")
            % {"minutes": minutes},
            code="login_locked",
        )
    user = authenticate(request, username=username, password=password)
    if not isinstance(user, User):
        known = User.objects.filter(username=username).values_list("jurisdiction_id", flat=True)
        audit_record(
            actor=None,
            action=AuditAction.LOGIN_FAILED,
            target_type=USER_TARGET,
            actor_username=username,
            division_code=known.first(),
        )
        return ApplicationError(_("账号或密码不正确。"), code="login_failed")
    audit_record(
        actor=user,
        action=AuditAction.LOGIN_SUCCEEDED,
        target_type=USER_TARGET,
        target_id=user.pk,
    )
    return user


def staff_authenticate(*, username: str, password: str, request: HttpRequest | None) -> User:
    """Check credentials; every outcome is audited and a locked name is refused outright.

    At most ``MINZHENG_LOGIN_MAX_FAILURES`` wrong passwords are tried per name and window,
    however many arrive at once. The audit row of a failure survives the refusal it explains.

    Raises:
        ApplicationError: wrong credentials, or too many recent failures for this name.
    """
    outcome = _attempt(username.strip(), password, request)
    if isinstance(outcome, ApplicationError):
        raise outcome
    return outcome
