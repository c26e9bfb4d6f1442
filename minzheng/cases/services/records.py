"""The audit of reading applications and exporting decision notices (PIPL: reads are logged)."""

from typing import TYPE_CHECKING

from django.db import transaction

from minzheng.accounts.models import User
from minzheng.cases.models import Application
from minzheng.cases.services.workflow import application_audit
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction

if TYPE_CHECKING:
    from minzheng.registry.models import Household

APPLICATION_LIST_TARGET = "cases.application_list"
HOUSEHOLD_APPLICATIONS_TARGET = "cases.household_applications"


@transaction.atomic
def application_list_view_record(*, actor: User, status: str, step: str, results: int) -> None:
    """The filters and the number of rows shown, never whom the rows were about."""
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target_type=APPLICATION_LIST_TARGET,
        changes={"status": status, "step": step, "results": results},
    )


@transaction.atomic
def household_applications_view_record(
    *, actor: User, household: "Household", results: int
) -> None:
    """Listing a household's applications on its page reads them: who, which household, how many."""
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target_type=HOUSEHOLD_APPLICATIONS_TARGET,
        target_id=household.pk,
        division_code=household.division_id,
        changes={"results": results},
    )


@transaction.atomic
def application_view_record(*, actor: User, application: Application) -> None:
    application_audit(
        actor=actor,
        application=application,
        action=AuditAction.VIEW,
        step=application.current_step or application.status,
    )


@transaction.atomic
def decision_notice_export_record(*, actor: User, application: Application) -> None:
    """The notice carries the family's full names: every download is an export."""
    application_audit(
        actor=actor,
        application=application,
        action=AuditAction.EXPORT,
        step="decision_notice",
        changes={"decision_number": application.decision_number},
    )
