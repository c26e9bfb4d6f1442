"""政策测算 and the county admin's parameter values: thin views over the services."""

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import require_capability
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError
from minzheng.core.htmx import page_or_fragment
from minzheng.core.pagination import page_number
from minzheng.eligibility.exports import whatif_workbook
from minzheng.eligibility.forms import ParameterValueAddForm, WhatIfForm
from minzheng.eligibility.rules.changes import ParameterChange
from minzheng.eligibility.selectors.parameters import parameter_histories
from minzheng.eligibility.selectors.whatifs import (
    access_whatif,
    whatif_household_page,
    whatif_households,
    whatif_recent,
)
from minzheng.eligibility.services.evaluation import WHAT_IF_LABEL
from minzheng.eligibility.services.parameters import parameter_value_add
from minzheng.eligibility.services.whatif import policy_whatif

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_http_methods(["GET", "POST"])
@staff_page
def whatif_start_view(request: HttpRequest, actor: User) -> HttpResponse:
    """The what-if form and the recent what-ifs; a valid form runs one and shows it."""
    require_capability(actor=actor, capability=Capability.POLICY_SIMULATE)
    form = WhatIfForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        change = ParameterChange(
            name=data["name"],
            value=data["value"],
            label=WHAT_IF_LABEL,
            start=data["start"],
            region=data["region"] or None,
        )
        try:
            whatif = policy_whatif(actor=actor, changes=[change])
        except ApplicationError as refused:
            error = str(refused.message)
        else:
            return redirect("eligibility:whatif_detail", whatif_id=whatif.pk)
    context = {"form": form, "error": error, "recent": whatif_recent(actor=actor)}
    return render(request, "eligibility/whatif/start.html", context)


@require_GET
@staff_page
def whatif_detail_view(request: HttpRequest, actor: User, whatif_id: uuid.UUID) -> HttpResponse:
    whatif = access_whatif(actor=actor, whatif_id=whatif_id)
    page = page_number(request)
    context = {
        "whatif": whatif,
        "totals": whatif.summary["totals"],
        "townships": whatif.summary["townships"],
        "households": whatif_household_page(actor=actor, whatif=whatif, page=page),
        "export_url": reverse("eligibility:whatif_export", args=[whatif.pk]),
        "chart": _township_chart(whatif.summary["townships"]),
    }
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target_type="eligibility.policy_whatif",
        target_id=whatif.pk,
        changes={"page": page},
    )
    template = page_or_fragment(request, "eligibility/whatif/detail.html", "households")
    return render(request, template, context)


@require_GET
@staff_page
def whatif_export_view(request: HttpRequest, actor: User, whatif_id: uuid.UUID) -> HttpResponse:
    whatif = access_whatif(actor=actor, whatif_id=whatif_id)
    rows = whatif_households(actor=actor, whatif=whatif)
    content = whatif_workbook(whatif, rows.iterator(chunk_size=2000))
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        target_type="eligibility.policy_whatif",
        target_id=whatif.pk,
        changes={"format": "xlsx"},
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="whatif-{whatif.as_of}.xlsx"'
    return response


def _township_chart(townships: list[dict[str, object]]) -> dict[str, object]:
    """Changed households per 镇街, stacked by kind of change (charts.js's shape)."""
    kinds = (
        ("gained", _("新增享受")),
        ("lost", _("不再享受")),
        ("increased", _("金额增加")),
        ("decreased", _("金额减少")),
    )
    return {
        "horizontal": True,
        "categories": [line["name"] for line in townships],
        "series": [
            {"name": str(label), "stack": "households", "data": [line[key] for line in townships]}
            for key, label in kinds
        ],
    }


@require_http_methods(["GET", "POST"])
@staff_page
def parameter_list_view(request: HttpRequest, actor: User) -> HttpResponse:
    """Every parameter's dated values; the county admin adds a new dated value here."""
    require_capability(actor=actor, capability=Capability.POLICY_SIMULATE)
    may_edit = actor.has_capability(Capability.PARAMETER_EDIT)
    form = ParameterValueAddForm(request.POST or None)
    error = ""
    if request.method == "POST":
        require_capability(actor=actor, capability=Capability.PARAMETER_EDIT)
        if form.is_valid():
            try:
                parameter_value_add(actor=actor, **form.cleaned_data)
            except ApplicationError as refused:
                error = str(refused.message)
                for field, message in refused.fields.items():
                    if field in form.fields:
                        form.add_error(field, str(message))
            else:
                return redirect("eligibility:parameter_list")
    context = {
        "histories": parameter_histories(),
        "form": form if may_edit else None,
        "error": error,
    }
    return render(request, "eligibility/parameters/list.html", context)
