"""REST endpoints of 探访 for outside systems: the visits due in the caller's jurisdiction,
read as the due list page reads them (``visit.record``)."""

import datetime as dt
import uuid

from django.http import HttpRequest
from ninja import Query, Schema

from minzheng.accounts.api_auth import ScopedRouter, api_actor
from minzheng.accounts.enums import ApiScope
from minzheng.core.api_params import PageQuery
from minzheng.core.clock import now
from minzheng.visits.selectors import DueRow, visit_due_list
from minzheng.visits.services.records import visit_due_list_view_record

router = ScopedRouter(read=ApiScope.VISITS_READ, tags=["visits"])
PAGE_SIZE = 50


class DueVisitOut(Schema):
    household_id: uuid.UUID
    household_number: str
    division_code: str
    division_name: str
    head_name: str
    colour: int
    next_due_at: dt.datetime
    last_visited_at: dt.datetime | None
    urgent_reason: str
    is_overdue: bool


class DueVisitPageOut(Schema):
    page: int
    has_next: bool
    results: list[DueVisitOut]


def _out(row: DueRow) -> DueVisitOut:
    plan = row.plan
    heads = getattr(plan.household, "heads", [])
    return DueVisitOut(
        household_id=plan.household_id,
        household_number=plan.household.number,
        division_code=plan.division.short_code,
        division_name=plan.division.name,
        head_name=heads[0].person.name if heads else "",
        colour=plan.colour,
        next_due_at=plan.next_due_at,
        last_visited_at=plan.last_visited_at,
        urgent_reason=plan.urgent_reason,
        is_overdue=row.is_overdue,
    )


@router.get("/due", response=DueVisitPageOut)
def visit_due_index(request: HttpRequest, params: Query[PageQuery]) -> DueVisitPageOut:
    """Visits due soon, overdue first, 50 a page; like the page, the first 200 only."""
    actor = api_actor(request)
    rows = visit_due_list(actor=actor, moment=now())
    visit_due_list_view_record(actor=actor, results=len(rows))
    start = (params.page - 1) * PAGE_SIZE
    page = rows[start : start + PAGE_SIZE + 1]
    return DueVisitPageOut(
        page=params.page,
        has_next=len(page) > PAGE_SIZE,
        results=[_out(row) for row in page[:PAGE_SIZE]],
    )
