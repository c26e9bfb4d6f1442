"""The audit of reading visit lists and wishes (PIPL: reads are logged, never whom about)."""

from typing import TYPE_CHECKING

from django.db import transaction

from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction

if TYPE_CHECKING:
    from minzheng.registry.models import Household

DUE_LIST_TARGET = "visits.due_list"
WISH_LIST_TARGET = "visits.wish_list"
VISIT_FORM_TARGET = "visits.visit_form"


@transaction.atomic
def visit_due_list_view_record(*, actor: User, results: int) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target_type=DUE_LIST_TARGET,
        changes={"results": results},
    )


@transaction.atomic
def wish_list_view_record(*, actor: User, results: int) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target_type=WISH_LIST_TARGET,
        changes={"results": results},
    )


@transaction.atomic
def visit_form_view_record(*, actor: User, household: "Household") -> None:
    """The form shows the head's name and the household number: opening it is a read."""
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target_type=VISIT_FORM_TARGET,
        target_id=household.pk,
        division_code=household.division_id,
    )


@transaction.atomic
def household_section_view_record(
    *, actor: User, household: "Household", section: str, results: int
) -> None:
    """A household page section (its visits, its wishes) read: which household, how many rows."""
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target_type=f"visits.household_{section}",
        target_id=household.pk,
        division_code=household.division_id,
        changes={"results": results},
    )
