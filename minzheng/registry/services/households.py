"""Writes on households and the audit of reading them."""

from django.db import transaction

from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction
from minzheng.registry.models import Household

HOUSEHOLD_TARGET = "registry.household"


@transaction.atomic
def household_search_record(*, actor: User, field: str, results: int) -> None:
    """Note that the actor searched the registry: which field and how many households came back.

    The query itself is not kept: it is a name, an ID number or a phone.
    """
    audit_record(
        actor=actor,
        action=AuditAction.SEARCH,
        target_type=HOUSEHOLD_TARGET,
        changes={"field": field, "results": results},
    )


@transaction.atomic
def household_view_record(*, actor: User, household: Household) -> None:
    """Note that the actor opened the household page (PIPL: reads of personal data are logged)."""
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target_type=HOUSEHOLD_TARGET,
        target_id=household.pk,
        division_code=household.division_id,
    )
