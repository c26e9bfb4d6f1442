"""REST endpoints of 预警监测 for outside systems: the warnings of the caller's jurisdiction and
the events behind one, read as the warning pages read them (``warning.handle``)."""

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Query, Schema

from minzheng.accounts.api_auth import ScopedRouter, api_actor
from minzheng.accounts.enums import ApiScope
from minzheng.core.api_params import PageQuery
from minzheng.core.audit import audit_read
from minzheng.monitoring.enums import Cause
from minzheng.monitoring.models import EarlyWarning
from minzheng.monitoring.permissions import access_warning
from minzheng.monitoring.selectors import warning_events, warning_list
from minzheng.profiling.enums import Colour

router = ScopedRouter(read=ApiScope.WARNINGS_READ, tags=["monitoring"])


class WarningQuery(PageQuery):
    colour: Colour | None = None
    cause: Cause | None = None


class WarningOut(Schema):
    id: uuid.UUID
    household_id: uuid.UUID
    household_number: str
    division_code: int
    cause: str
    colour: int
    status: str
    raised_on: dt.date
    first_due_on: dt.date
    due_on: dt.date
    escalation_count: int
    closed_at: dt.datetime | None
    outcome: str
    application_id: uuid.UUID | None


class WarningPageOut(Schema):
    page: int
    has_next: bool
    results: list[WarningOut]


class EventOut(Schema):
    """A department's event behind the warning; who it was about stays on the household page."""

    kind: str
    occurred_on: dt.date
    amount: Decimal | None
    months: int | None
    source: str


class WarningDetailOut(WarningOut):
    events: list[EventOut]


def _out(warning: EarlyWarning) -> dict[str, Any]:
    return {
        "id": warning.pk,
        "household_id": warning.household_id,
        "household_number": warning.household.number,
        "division_code": warning.division_code,
        "cause": warning.cause,
        "colour": warning.colour,
        "status": warning.status,
        "raised_on": warning.raised_on,
        "first_due_on": warning.first_due_on,
        "due_on": warning.due_on,
        "escalation_count": warning.escalation_count,
        "closed_at": warning.closed_at,
        "outcome": warning.outcome,
        "application_id": warning.application_id,
    }


@router.get("/warnings", response=WarningPageOut)
def warning_index(request: HttpRequest, params: Query[WarningQuery]) -> WarningPageOut:
    """Open warnings first (earliest due first), then closed ones; 30 a page."""
    actor = api_actor(request)
    cause = str(params.cause or "")
    colour = int(params.colour) if params.colour is not None else None
    result = warning_list(actor=actor, page=params.page, colour=colour, cause=cause)
    audit_read(
        actor=actor,
        target_type="monitoring.warning_list",
        colour=colour,
        cause=cause,
        page=result.page,
        results=len(result.rows),
    )
    return WarningPageOut(
        page=result.page,
        has_next=result.has_next,
        results=[WarningOut(**_out(w)) for w in result.rows],
    )


@router.get("/warnings/{warning_id}", response=WarningDetailOut)
def warning_get(request: HttpRequest, warning_id: uuid.UUID) -> WarningDetailOut:
    actor = api_actor(request)
    warning = access_warning(actor=actor, warning_id=warning_id)
    audit_read(
        actor=actor,
        target_type="monitoring.warning",
        target_id=warning.pk,
        division_code=warning.division_code,
    )
    return WarningDetailOut(
        **_out(warning),
        events=[
            EventOut(
                kind=event.kind,
                occurred_on=event.occurred_on,
                amount=event.amount,
                months=event.months,
                source=event.source,
            )
            for event in warning_events(warning=warning)
        ],
    )
