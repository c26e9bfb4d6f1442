"""Writing audit events. Reading them is ``minzheng.core.selectors``."""

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import transaction

from minzheng.core.clock import now
from minzheng.core.enums import AuditAction
from minzheng.core.models import AuditEvent
from minzheng.core.request_context import client_ip

if TYPE_CHECKING:
    from minzheng.accounts.models import User


# The system actor's username (accounts.system, ADR 0033). It acts for the whole installation,
# so its events carry the division of the change they record, never its own jurisdiction's.
SYSTEM_USERNAME = "system"


def audit_record(
    *,
    actor: "User | None",
    action: AuditAction,
    target_type: str = "",
    target_id: object = "",
    division_code: int | None = None,
    changes: Mapping[str, object] | None = None,
    actor_username: str | None = None,
) -> AuditEvent:
    """Insert one audit event; call it inside the transaction of the change it records."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    username = actor.get_username() if actor is not None else (actor_username or "")
    if division_code is None and actor is not None and username != SYSTEM_USERNAME:
        division_code = actor.jurisdiction_id
    return AuditEvent.objects.create(
        occurred_at=now(),
        actor=actor,
        actor_username=username,
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        division_code=division_code,
        ip_address=client_ip(),
        changes=dict(changes or {}),
    )


def audit_read(
    *,
    actor: "User",
    target_type: str,
    target_id: object = "",
    division_code: int | None = None,
    **changes: object,
) -> AuditEvent:
    """One VIEW event for a read of personal data: what was asked for and how many rows, never
    whom about (PIPL: reads are logged). Its own transaction, like every audit write."""
    with transaction.atomic():
        return audit_record(
            actor=actor,
            action=AuditAction.VIEW,
            target_type=target_type,
            target_id=target_id,
            division_code=division_code,
            changes=changes,
        )
