"""Two people at once, on PostgreSQL: a month is still paid once and a step done once."""

import pytest
from django.db import connection

from minzheng.accounts.enums import Role
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError
from minzheng.core.models import AuditEvent
from minzheng.core.tests.parallel import together
from minzheng.payments.enums import BatchStatus
from minzheng.payments.models import PaymentBatch, PaymentLine
from minzheng.payments.services.batches import BATCH_TARGET, batch_check, batch_prepare
from minzheng.payments.tests.conftest import JANUARY

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_two_clerks_preparing_the_same_month_make_one_batch(roll, preparer, checker):
    results = together(
        lambda: batch_prepare(actor=preparer, month=JANUARY),
        lambda: batch_prepare(actor=checker, month=JANUARY),
    )
    refused = [r for r in results if isinstance(r, ApplicationError)]
    assert len(refused) == 1
    assert refused[0].status == 409 or "没有待发放" in str(refused[0].message)
    assert PaymentBatch.objects.count() == 1
    assert PaymentLine.objects.count() == 3


def test_two_checkers_at_once_check_once(roll, preparer, checker, make_staff):
    batch = batch_prepare(actor=preparer, month=JANUARY).batch
    second = make_staff(Role.COUNTY_CASEWORKER)
    results = together(
        lambda: batch_check(actor=checker, batch_id=batch.pk, agree=True, note="核对无误"),
        lambda: batch_check(actor=second, batch_id=batch.pk, agree=False, note="退回"),
    )
    refused = [r for r in results if isinstance(r, ApplicationError)]
    assert len(refused) == 1
    assert "不能办理此步骤" in str(refused[0].message)
    batch.refresh_from_db()
    assert batch.status in (BatchStatus.CHECKED, BatchStatus.CANCELLED)


def test_twenty_parallel_runs_create_the_lines_once_and_audit_what_they_created(roll, make_staff):
    clerks = [make_staff(Role.COUNTY_CASEWORKER) for _ in range(20)]
    results = together(
        *[lambda clerk=clerk: batch_prepare(actor=clerk, month=JANUARY) for clerk in clerks]
    )
    refused = [result for result in results if isinstance(result, ApplicationError)]
    # The others waited their turn and found nothing owed: no conflict, no half-made batch.
    assert [str(result.message) for result in refused] == [
        "该范围 2027年1月 没有待发放的款项。"
    ] * 19
    created = AuditEvent.objects.filter(target_type=BATCH_TARGET, action=AuditAction.CREATE)
    assert sum(event.changes["lines"] for event in created) == PaymentLine.objects.count() == 3
    assert PaymentBatch.objects.count() == 1
