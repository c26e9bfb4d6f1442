"""Recording an export of the audit log: reading the log is itself a read of personal data."""

from django.db import transaction

from minzheng.accounts.models import User
from minzheng.accounts.selectors import AuditFilter
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction

AUDIT_LOG_TARGET = "accounts.audit_log"
# An export beyond this is a month's archive, not a page's worth: narrow the dates instead.
AUDIT_EXPORT_LIMIT = 20_000


@transaction.atomic
def audit_export_record(*, actor: User, filters: AuditFilter, rows: int) -> None:
    """Who exported which part of the log (the filters), and how many rows."""
    changes: dict[str, object] = {"action": filters.action, "username": filters.username}
    if filters.date_from:
        changes["date_from"] = filters.date_from.isoformat()
    if filters.date_to:
        changes["date_to"] = filters.date_to.isoformat()
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        target_type=AUDIT_LOG_TARGET,
        changes=changes | {"rows": rows},
    )
