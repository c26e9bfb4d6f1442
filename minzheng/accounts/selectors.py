"""Reading the audit log: auditors and administrators, within their jurisdiction."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import Actor, require_capability
from minzheng.core.audit_targets import (
    ChangeLine,
    audit_target,
    change_lines,
    referenced_ids,
    target_names,
)
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import PermissionDenied
from minzheng.core.models import AuditEvent
from minzheng.divisions.enums import DivisionLevel


@dataclass(frozen=True)
class AuditFilter:
    action: str = ""
    username: str = ""
    target_type: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass(frozen=True)
class AuditPage:
    events: list[AuditEvent]
    page: int
    has_next: bool


def audit_events_in_scope(*, actor: Actor, filters: AuditFilter) -> QuerySet[AuditEvent]:
    """Events whose division lies in the actor's jurisdiction, filtered, newest first.

    Events without a division (a failed login by an unknown name) are shown to actors whose
    jurisdiction is a county or larger: someone there must be able to see attacks on logins.
    """
    user = require_capability(actor=actor, capability=Capability.AUDIT_VIEW)
    if user.jurisdiction is None:
        raise PermissionDenied
    scope = Q(division_code__range=user.jurisdiction.code_range())
    if user.jurisdiction.level <= DivisionLevel.COUNTY:
        scope |= Q(division_code__isnull=True)
    events = AuditEvent.objects.filter(scope)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.username:
        events = events.filter(actor_username=filters.username)
    if filters.target_type:
        events = events.filter(target_type=filters.target_type)
    if filters.date_from:
        events = events.filter(occurred_at__date__gte=filters.date_from)
    if filters.date_to:
        events = events.filter(occurred_at__date__lte=filters.date_to)
    return events.order_by("-id")


def audit_event_list(
    *, actor: Actor, filters: AuditFilter, page: int = 1, page_size: int = 50
) -> AuditPage:
    """A page of the events in the actor's reach (``audit_events_in_scope``)."""
    events = audit_events_in_scope(actor=actor, filters=filters)
    page = max(page, 1)
    rows = list(events[(page - 1) * page_size : page * page_size + 1])
    return AuditPage(rows[:page_size], page, has_next=len(rows) > page_size)


@dataclass(frozen=True)
class AuditRow:
    """One event as the auditor reads it: the target by its kind and name, changes in words."""

    event: AuditEvent
    target: str  # "救助申请 SQ20261120-0042"; "" for an event without a target
    changes: list[ChangeLine]


def _target_text(target_type: str, target_id: str, names: dict[str, str]) -> str:
    if not target_type:
        return ""
    target = audit_target(target_type)
    kind = str(target.label) if target is not None else target_type
    if target_id in names:
        return f"{kind} {names[target_id]}"
    # A record since gone, a target named by what it is (a month, a list): a short id.
    return f"{kind} {target_id[:8]}" if target_id else kind


def audit_rows(events: list[AuditEvent]) -> list[AuditRow]:
    """The events in words; one query per target type named on the page."""
    ids_by_type: dict[str, set[str]] = defaultdict(set)
    for event in events:
        if event.target_id:
            ids_by_type[event.target_type].add(event.target_id)
        if isinstance(event.changes, dict):
            for kind, target_id in referenced_ids(event.target_type, event.changes).items():
                ids_by_type[kind].add(target_id)
    names = {kind: target_names(kind, ids) for kind, ids in ids_by_type.items()}
    return [
        AuditRow(
            event=event,
            target=_target_text(
                event.target_type, event.target_id, names.get(event.target_type, {})
            ),
            changes=change_lines(
                event.target_type,
                event.changes if isinstance(event.changes, dict) else {},
                is_update=event.action == AuditAction.UPDATE,
                names=names,
            ),
        )
        for event in events
    ]


def active_staff_get(*, username: str) -> User | None:
    """The active staff user with this username (for commands that act as a user)."""
    return User.objects.filter(username=username, is_active=True).first()
