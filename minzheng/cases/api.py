"""REST endpoints of 救助申请 for outside systems: the applications and their decisions, read
inside the caller's jurisdiction exactly as the pages read them, and the bank 核对 query."""

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from ninja import Query, Schema

from minzheng.accounts.api_auth import ScopedRouter, api_actor
from minzheng.accounts.enums import ApiScope
from minzheng.cases.enums import ApplicationStatus, StepKind
from minzheng.cases.models import Application
from minzheng.cases.permissions import access_application
from minzheng.cases.selectors.applications import application_detail, application_list
from minzheng.cases.services.bank_query import bank_query_export
from minzheng.cases.services.records import application_list_view_record, application_view_record
from minzheng.core.api_params import PageLimitQuery
from minzheng.registry.enums import Relation

router = ScopedRouter(read=ApiScope.CASES_READ, write=ApiScope.CHECKS_WRITE, tags=["cases"])


class ApplicationQuery(PageLimitQuery):
    status: ApplicationStatus | None = None
    step: StepKind | None = None


class ApplicationSummaryOut(Schema):
    id: uuid.UUID
    number: str
    status: str
    current_step: str
    channel: str
    division_code: str
    division_name: str
    household_id: uuid.UUID
    household_number: str
    head_name: str
    items: list[str]
    created_at: dt.datetime
    decision_number: str
    decided_at: dt.datetime | None


class ApplicationPageOut(Schema):
    page: int
    has_next: bool
    results: list[ApplicationSummaryOut]


class MemberOut(Schema):
    name: str
    relation: str
    id_number_masked: str


class StepOut(Schema):
    kind: str
    owner_division_code: str
    due_on: dt.date
    completed_at: dt.datetime | None
    outcome: str


class ItemOut(Schema):
    item_code: str
    item_name: str
    requested: bool
    eligible: bool | None
    proposed_amount: Decimal | None
    granted: bool | None
    granted_amount: Decimal | None
    decision_reason: str


class ScheduleOut(Schema):
    item_code: str
    monthly_amount: Decimal
    start_month: dt.date
    end_month: dt.date | None
    status: str


class DecisionOut(Schema):
    """The county's 审批决定: per item in ``items`` (granted, amount), the schedules it owes."""

    number: str
    decided_at: dt.datetime | None
    reason: str


class ApplicationOut(ApplicationSummaryOut):
    as_of: dt.date
    has_consent: bool
    members: list[MemberOut]
    steps: list[StepOut]
    item_decisions: list[ItemOut]
    decision: DecisionOut | None
    schedules: list[ScheduleOut]


def _head_name(application: Application) -> str:
    heads = getattr(application.household, "heads", None)
    if heads is None:  # a single application, read without the list's prefetch
        heads = application.household.memberships.current().filter(relation=Relation.HEAD)
    return next((m.person.name for m in heads), "")


def _summary(application: Application) -> dict[str, Any]:
    return {
        "id": application.pk,
        "number": application.number,
        "status": application.status,
        "current_step": application.current_step,
        "channel": application.channel,
        "division_code": application.division.short_code,
        "division_name": application.division.name,
        "household_id": application.household_id,
        "household_number": application.household.number,
        "head_name": _head_name(application),
        "items": [row.item.name for row in application.items.all()],
        "created_at": application.created_at,
        "decision_number": application.decision_number,
        "decided_at": application.decided_at,
    }


@router.get("/applications", response=ApplicationPageOut)
def application_index(request: HttpRequest, params: Query[ApplicationQuery]) -> ApplicationPageOut:
    """The applications of the caller's jurisdiction, newest first; ``limit`` a page."""
    actor = api_actor(request)
    status, step = str(params.status or ""), str(params.step or "")
    result = application_list(
        actor=actor, status=status, step=step, page=params.page, page_size=params.limit
    )
    application_list_view_record(
        actor=actor, status=status, step=step, results=len(result.applications)
    )
    return ApplicationPageOut(
        page=result.page,
        has_next=result.has_next,
        results=[ApplicationSummaryOut(**_summary(a)) for a in result.applications],
    )


@router.get("/applications/{application_id}", response=ApplicationOut)
def application_get(request: HttpRequest, application_id: uuid.UUID) -> ApplicationOut:
    """One application with its members (IDs masked), steps, items and the county's decision."""
    actor = api_actor(request)
    application = access_application(actor=actor, application_id=application_id)
    application_view_record(actor=actor, application=application)
    detail = application_detail(actor=actor, application=application)
    return ApplicationOut(
        **_summary(application),
        as_of=application.as_of,
        has_consent=application.has_consent,
        members=[
            MemberOut(
                name=m.person.name,
                relation=m.relation,
                id_number_masked=m.person.id_number_masked,
            )
            for m in detail.members
        ],
        steps=[
            StepOut(
                kind=step.kind,
                owner_division_code=step.owner_division.short_code,
                due_on=step.due_on,
                completed_at=step.completed_at,
                outcome=step.outcome,
            )
            for step in detail.steps
        ],
        item_decisions=[
            ItemOut(
                item_code=row.item.code,
                item_name=row.item.name,
                requested=row.requested,
                eligible=row.eligible,
                proposed_amount=row.proposed_amount,
                granted=row.granted,
                granted_amount=row.granted_amount,
                decision_reason=row.decision_reason,
            )
            for row in detail.items
        ],
        decision=DecisionOut(
            number=application.decision_number,
            decided_at=application.decided_at,
            reason=application.decision_reason,
        )
        if application.decided_at
        else None,
        schedules=[
            ScheduleOut(
                item_code=s.item.code,
                monthly_amount=s.monthly_amount,
                start_month=s.start_month,
                end_month=s.end_month,
                status=s.status,
            )
            for s in detail.schedules
        ],
    )


_CSV = {200: {"description": "UTF-8 CSV", "content": {"text/csv": {}}}}


@router.post("/bank-queries", openapi_extra={"responses": _CSV})
def bank_query_create(request: HttpRequest) -> HttpResponse:
    """The 核对 query file for the banks (CSV, full ID numbers of members who consented).

    Numbers a batch and is audited; the banks answer as a ``banks`` feed (feeds:write).
    """
    query = bank_query_export(actor=api_actor(request))
    response = HttpResponse(query.data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"bank-query-{query.batch}.csv"
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-SHA256"] = query.sha256
    return response
