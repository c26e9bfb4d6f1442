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
