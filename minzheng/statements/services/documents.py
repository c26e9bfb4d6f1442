"""Issuing a printed 幸福清单: one ``StatementDocument`` row and one audit event per PDF."""

import secrets

from django.db import transaction

from minzheng.accounts.models import User
from minzheng.cases.selectors.publicity import name_mask
from minzheng.core.audit import audit_record
from minzheng.core.clock import now
from minzheng.core.enums import AuditAction
from minzheng.statements.contracts import Statement
from minzheng.statements.models import StatementDocument
from minzheng.statements.selectors.statement import household_number_mask, statement_digest

STATEMENT_TARGET = "statements.statement"
# How citizens appear in the audit log: they have no staff account.
CITIZEN_USERNAME = "citizen"


@transaction.atomic
def statement_document_issue(*, actor: User | None, statement: Statement) -> StatementDocument:
    """Record that ``statement`` is being printed, with a fresh unguessable token.

    ``statement`` is exactly what the caller will print; the caller has checked access (staff)
    or derived the household from the signed-in citizen (``actor`` None). The export is
    audited against the household, without any of the statement's personal data.
    """
    document = StatementDocument.objects.create(
        household_id=statement.household_id,
        issued_at=now(),
        issued_by=actor,
        token=secrets.token_urlsafe(16),
        digest=statement_digest(statement),
        year=statement.year,
        line_count=len(statement.lines),
        annual_total=statement.annual_total,
        head_name_masked=name_mask(statement.head_name),
        household_number_masked=household_number_mask(statement.household_number),
    )
    audit_record(
        actor=actor,
        actor_username=None if actor is not None else CITIZEN_USERNAME,
        action=AuditAction.EXPORT,
        target_type=STATEMENT_TARGET,
        target_id=statement.household_id,
        division_code=statement.division_code,
        changes={"document": str(document.pk), "lines": document.line_count},
    )
    return document


def statement_view_record(*, actor: User | None, statement: Statement) -> None:
    """Audit that ``actor`` (None: the signed-in family itself) saw the statement on screen."""
    audit_record(
        actor=actor,
        actor_username=None if actor is not None else CITIZEN_USERNAME,
        action=AuditAction.VIEW,
        target_type=STATEMENT_TARGET,
        target_id=statement.household_id,
        division_code=statement.division_code,
    )
