"""The staff workbench: the home page, the audit-log browser and its Excel export."""

import datetime as dt
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.enums import Capability, Role
from minzheng.accounts.models import User
from minzheng.accounts.selectors import (
    AuditFilter,
    audit_event_list,
    audit_events_in_scope,
    audit_rows,
)
from minzheng.accounts.services.audit_export import AUDIT_EXPORT_LIMIT, audit_export_record
from minzheng.core.enums import AuditAction
from minzheng.core.htmx import page_or_fragment
from minzheng.core.jobs import NIGHTLY_JOB, job_step_failures
from minzheng.core.pagination import page_number
from minzheng.core.xlsx import XLSX, Sheet, xlsx_bytes


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


def _filters(request: HttpRequest) -> AuditFilter:
    return AuditFilter(
        action=request.GET.get("action", ""),
        username=request.GET.get("username", "").strip(),
        date_from=_date(request.GET.get("date_from", "")),
        date_to=_date(request.GET.get("date_to", "")),
    )


def _query(filters: AuditFilter) -> str:
    """The filters as a query string, for the export link."""
    pairs = {
        "action": filters.action,
        "username": filters.username,
        "date_from": filters.date_from.isoformat() if filters.date_from else "",
        "date_to": filters.date_to.isoformat() if filters.date_to else "",
    }
    return urlencode({key: value for key, value in pairs.items() if value})


@require_GET
@staff_page
def audit_list(request: HttpRequest, actor: User) -> HttpResponse:
    filters = _filters(request)
    result = audit_event_list(actor=actor, filters=filters, page=page_number(request))
    template = page_or_fragment(request, "accounts/audit_list.html", "results")
    query = _query(filters)
    return render(
        request,
        template,
        {
            "result": result,
            "rows": audit_rows(result.events),
            "filters": filters,
            "actions": AuditAction.choices,
            "can_view": actor.has_capability(Capability.AUDIT_VIEW),
            "export_url": reverse("workbench:audit_export") + (f"?{query}" if query else ""),
        },
    )


@require_GET
@staff_page
def audit_export(request: HttpRequest, actor: User) -> HttpResponse:
    """The filtered log, newest first, up to ``AUDIT_EXPORT_LIMIT`` rows; the export is logged."""
    filters = _filters(request)
    events = list(audit_events_in_scope(actor=actor, filters=filters)[:AUDIT_EXPORT_LIMIT])
    header = [_("时间"), _("账号"), _("动作"), _("对象"), _("IP 地址"), _("变更内容")]
    rows = [
        [
            timezone.localtime(row.event.occurred_at).strftime("%Y-%m-%d %H:%M:%S"),
            row.event.actor_username,
            row.event.get_action_display(),
            row.target,
            row.event.ip_address or "",
            "；".join(str(line) for line in row.changes),
        ]
        for row in audit_rows(events)
    ]
    content = xlsx_bytes([Sheet(title=str(_("审计日志")), header=header, rows=rows)])
    audit_export_record(actor=actor, filters=filters, rows=len(rows))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="audit-log.xlsx"'
    return response
