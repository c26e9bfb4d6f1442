"""Twenty clerks taking over the roll's accounts at once: one takes them, the audit adds up."""

import pytest
from django.db import connection

from minzheng.accounts.enums import Role
from minzheng.core.models import AuditEvent
from minzheng.core.tests.parallel import together
from minzheng.payments.models import BankAccount
from minzheng.payments.services.accounts import ACCOUNT_TARGET, RollAccounts, accounts_from_roll
from minzheng.payments.tests.test_roll_accounts import imported  # noqa: F401 - a fixture

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="parallel runs need separate connections: SQLite's test database has one",
    ),
]


@pytest.mark.usefixtures("imported")
def test_parallel_take_overs_create_each_account_once_and_audit_only_that(make_staff):
    clerks = [make_staff(Role.COUNTY_CASEWORKER) for _ in range(20)]
    results = together(*[lambda clerk=clerk: accounts_from_roll(actor=clerk) for clerk in clerks])
    # None is a thread that died on a database error: a 500 for that clerk.
    assert all(isinstance(result, RollAccounts) for result in results), results
    assert sorted(result.created for result in results) == [0] * 19 + [1]
    audited = AuditEvent.objects.filter(target_type=ACCOUNT_TARGET, target_id="caseload")
    assert sum(event.changes["created"] for event in audited) == BankAccount.objects.count() == 1
