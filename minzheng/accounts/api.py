import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from minzheng.accounts.api_auth import ScopedRouter, api_actor
from minzheng.accounts.enums import ROLE_CAPABILITIES, ApiScope, Role
from minzheng.accounts.selectors import AuditFilter, audit_event_list
from minzheng.core.api_params import PageQuery

router = Router(tags=["accounts"])
# Read-only access to the audit log. There is deliberately no write, update or delete.
audit_router = ScopedRouter(read=ApiScope.AUDIT_READ, tags=["audit"])


class MeOut(Schema):
    username: str
    display_name: str
    role: str
    role_label: str
    jurisdiction_code: str | None
    jurisdiction_name: str | None
    capabilities: list[str]


@router.get("/me", response=MeOut)
def me_get(request: HttpRequest) -> MeOut:
    user = api_actor(request)
    role = Role(user.role) if user.role else None
    division = user.jurisdiction
    return MeOut(
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        role_label=str(role.label) if role else "",
        jurisdiction_code=division.short_code if division else None,
        jurisdiction_name=division.name if division else None,
        capabilities=sorted(ROLE_CAPABILITIES.get(role, frozenset())) if role else [],
    )


class AuditParams(PageQuery):
    action: str = Field(default="", max_length=64)
    username: str = Field(default="", max_length=150)
    target_type: str = Field(default="", max_length=64)
    date_from: dt.date | None = None
    date_to: dt.date | None = None


class AuditEventOut(Schema):
    id: int
    occurred_at: dt.datetime
    actor_username: str
    action: str
    target_type: str
    target_id: str
    division_code: int | None
    ip_address: str | None
    changed_fields: list[str]


class AuditPageOut(Schema):
    page: int
    has_next: bool
    results: list[AuditEventOut]


@audit_router.get("/events", response=AuditPageOut)
def audit_event_index(request: HttpRequest, params: Query[AuditParams]) -> AuditPageOut:
    filters = AuditFilter(
        action=params.action,
        username=params.username,
        target_type=params.target_type,
        date_from=params.date_from,
        date_to=params.date_to,
    )
    result = audit_event_list(actor=api_actor(request), filters=filters, page=params.page)
    return AuditPageOut(
        page=result.page,
        has_next=result.has_next,
        results=[
            AuditEventOut(
                id=e.id,
                occurred_at=e.occurred_at,
                actor_username=e.actor_username,
                action=e.action,
                target_type=e.target_type,
                target_id=e.target_id,
                division_code=e.division_code,
                ip_address=e.ip_address,
                changed_fields=sorted(e.changes),
            )
            for e in result.events
        ],
    )
