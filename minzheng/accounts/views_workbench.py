"""The staff workbench: the home page and the audit-log browser."""

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.enums import Capability, Role
from minzheng.accounts.models import User
from minzheng.accounts.selectors import AuditFilter, audit_event_list
from minzheng.core.enums import AuditAction
from minzheng.core.htmx import page_or_fragment
from minzheng.core.jobs import NIGHTLY_JOB, job_step_failures
from minzheng.core.pagination import page_number


@require_GET
@staff_page
def home(request: HttpRequest, actor: User) -> HttpResponse:
    role = Role(actor.role) if actor.role else None
    # The county admin answers for the night's scheduled work: a failed step is shown here.
    failures = job_step_failures(job=NIGHTLY_JOB) if role == Role.COUNTY_ADMIN else []
    return render(
        request, "accounts/home.html", {"role": role, "actor": actor, "job_failures": failures}
    )


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@require_GET
@staff_page
def audit_list(request: HttpRequest, actor: User) -> HttpResponse:
    filters = AuditFilter(
        action=request.GET.get("action", ""),
        username=request.GET.get("username", "").strip(),
        date_from=_date(request.GET.get("date_from", "")),
        date_to=_date(request.GET.get("date_to", "")),
    )
    result = audit_event_list(actor=actor, filters=filters, page=page_number(request))
    template = page_or_fragment(request, "accounts/audit_list.html", "results")
    return render(
        request,
        template,
        {
            "result": result,
            "filters": filters,
            "actions": AuditAction.choices,
            "can_view": actor.has_capability(Capability.AUDIT_VIEW),
        },
    )
