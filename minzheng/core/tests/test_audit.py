import pytest
from django.db import DatabaseError, connection, transaction

from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction
from minzheng.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_database_refuses_to_change_an_audit_event(county_admin):
    event = audit_record(actor=county_admin, action=AuditAction.VIEW, target_type="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action=AuditAction.DELETE)
    event.refresh_from_db()
    assert event.action == AuditAction.VIEW


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite test teardown deletes rows")
def test_postgres_refuses_to_delete_an_audit_event(county_admin):
    event = audit_record(actor=county_admin, action=AuditAction.VIEW, target_type="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def _truncate_as_the_application(statement: str) -> None:
    """Run ``statement`` without the test suite's permission to truncate the log, as every
    connection but the test suite's runs (config.django.test grants it for the teardown)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL minzheng.audit_truncate TO 'refused'")
        # The event was written in this test's transaction: settle its deferred foreign-key
        # check, which PostgreSQL would otherwise give as its reason to refuse the TRUNCATE.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(statement)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no TRUNCATE")
@pytest.mark.parametrize(
    "statement",
    ["TRUNCATE core_auditevent", "TRUNCATE accounts_user CASCADE"],  # the log refers to actors
    ids=["directly", "by-cascade"],
)
def test_postgres_refuses_to_truncate_the_audit_log(county_admin, statement):
    audit_record(actor=county_admin, action=AuditAction.VIEW, target_type="x")
    with pytest.raises(DatabaseError, match="append-only"):
        _truncate_as_the_application(statement)
    assert AuditEvent.objects.count() == 1
