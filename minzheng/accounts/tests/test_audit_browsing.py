import pytest

from minzheng.accounts.enums import Role
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction

pytestmark = pytest.mark.django_db


def test_auditor_browses_and_filters_within_jurisdiction(make_staff, auditor, client_for):
    danghu = make_staff(Role.TOWNSHIP_WORKER, 330482001000)
    zhapu_auditor = make_staff(Role.AUDITOR, 330482101000)
    audit_record(actor=danghu, action=AuditAction.VIEW, target_type="registry.household")
    audit_record(actor=danghu, action=AuditAction.EXPORT, target_type="registry.household")

    everything = client_for(auditor).get("/api/v1/audit/events").json()["results"]
    views = client_for(auditor).get("/api/v1/audit/events", {"action": "view"}).json()
    elsewhere = client_for(zhapu_auditor).get("/api/v1/audit/events").json()["results"]

    assert [e["action"] for e in everything] == ["export", "view"]
    assert [e["action"] for e in views["results"]] == ["view"]
    assert elsewhere == []


def test_audit_page_lists_events_for_auditors_only(make_staff, auditor, client_for):
    audit_record(actor=auditor, action=AuditAction.EXPORT, target_type="registry.household")
    page = client_for(auditor).get("/audit/", {"action": "export"})
    assert page.status_code == 200
    assert "导出" in page.content.decode()
    worker = client_for(make_staff(Role.TOWNSHIP_WORKER, 330482001000))
    assert worker.get("/audit/").status_code == 403
    assert worker.get("/api/v1/audit/events").status_code == 403


def test_nobody_can_edit_or_delete_audit_events_through_the_api(county_admin, client_for):
    event = audit_record(actor=county_admin, action=AuditAction.VIEW)
    client = client_for(county_admin)
    for method in (client.put, client.patch, client.delete):
        assert method(f"/api/v1/audit/events/{event.pk}").status_code in {404, 405}
        assert method("/api/v1/audit/events").status_code == 405
