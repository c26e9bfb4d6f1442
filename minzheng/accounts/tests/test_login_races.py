"""Thirty wrong passwords at once for one account: only the allowed number are tried."""

import pytest
from django.conf import settings
from django.db import connection

from minzheng.accounts.enums import Role
from minzheng.accounts.services.login import staff_authenticate
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError
from minzheng.core.models import AuditEvent
from minzheng.core.tests.parallel import together

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="parallel requests need separate connections: SQLite's test database has one",
    ),
]


def test_parallel_wrong_passwords_lock_the_account_after_the_limit(make_staff):
    user = make_staff(Role.TOWNSHIP_WORKER, 330482001000)
    guess = lambda: staff_authenticate(username=user.username, password="guess", request=None)  # noqa: E731
    results = together(*[guess] * 30)
    codes = sorted(result.code for result in results if isinstance(result, ApplicationError))
    allowed = settings.MINZHENG_LOGIN_MAX_FAILURES
    assert codes == ["login_failed"] * allowed + ["login_locked"] * (30 - allowed)
    failed = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED)
    assert failed.count() == allowed
    with pytest.raises(ApplicationError) as refused:
        staff_authenticate(
            username=user.username, password="correct-horse-battery-staple", request=None
        )
    assert refused.value.code == "login_locked"
