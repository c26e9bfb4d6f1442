"""Reading the audit log: auditors and administrators, within their jurisdiction."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import Actor, require_capability
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


def audit_event_list(
    *, actor: Actor, filters: AuditFilter, page: int = 1, page_size: int = 50
) -> AuditPage:
    """Events whose division lies in the actor's jurisdiction, newest first.

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
    page = max(page, 1)
    rows = list(events.order_by("-id")[(page - 1) * page_size : page * page_size + 1])
    return AuditPage(rows[:page_size], page, has_next=len(rows) > page_size)


def active_staff_get(*, username: str) -> User | None:
    """The active staff user with this username (for commands that act as a user)."""
    return User.objects.filter(username=username, is_active=True).first()
