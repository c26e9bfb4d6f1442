"""政策测算 and the county admin's parameter values: thin views over the services."""

import uuid

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import require_capability
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError, NotFound
from minzheng.core.htmx import page_or_fragment
from minzheng.core.pagination import page_number
from minzheng.eligibility.enums import parameter_label
from minzheng.eligibility.exports import whatif_workbook
from minzheng.eligibility.forms import (
    ParameterConfirmForm,
    ParameterValueAddForm,
    ProposalRejectForm,
    WhatIfForm,
)
from minzheng.eligibility.models import ParameterChangeProposal, ProposalStatus
from minzheng.eligibility.rules.changes import ParameterChange
from minzheng.eligibility.selectors.parameters import (
    UNCONFIRMED,
    parameter_histories,
    parameter_proposal,
    parameter_proposals_pending,
)
from minzheng.eligibility.selectors.whatifs import (
    access_whatif,
    whatif_household_page,
    whatif_households,
    whatif_recent,
)
from minzheng.eligibility.services import (
    CitedValue,
    parameter_change_approve,
    parameter_change_reject,
    parameter_change_submit,
    parameter_confirm,
)
from minzheng.eligibility.services.evaluation import WHAT_IF_LABEL
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


def _with_errors(form: forms.Form, refused: ApplicationError) -> str:
    """The refusal's message, its field messages attached to the form's fields."""
    for field, message in refused.fields.items():
        if field in form.fields:
            form.add_error(field, str(message))
    return str(refused.message)


def _parameter_page(
    request: HttpRequest,
    actor: User,
    *,
    form: ParameterValueAddForm | None = None,
    confirming: ParameterConfirmForm | None = None,
    error: str = "",
) -> HttpResponse:
    may_edit = actor.has_capability(Capability.PARAMETER_EDIT)
    histories = parameter_histories()
    context = {
        "histories": histories,
        "form": (form or ParameterValueAddForm()) if may_edit else None,
        "confirming": confirming,
        "may_edit": may_edit,
        "proposals": parameter_proposals_pending() if may_edit else [],
        "unconfirmed": sum(
            value.status == UNCONFIRMED
            for history in histories
            for region in history.regions
            for value in region.values
        ),
        "error": error,
    }
    status = 400 if error else 200
    return render(request, "eligibility/parameters/list.html", context, status=status)


@require_http_methods(["GET", "POST"])
@staff_page
def parameter_list_view(request: HttpRequest, actor: User) -> HttpResponse:
    """Every parameter's dated values; the county admin adds a value or proposes one here."""
    require_capability(actor=actor, capability=Capability.POLICY_SIMULATE)
    if request.method == "GET":
        return _parameter_page(request, actor)
    require_capability(actor=actor, capability=Capability.PARAMETER_EDIT)
    form = ParameterValueAddForm(request.POST)
    if not form.is_valid():
        return _parameter_page(request, actor, form=form, error=str(_("参数取值有误，未保存。")))
    try:
        submitted = parameter_change_submit(actor=actor, change=CitedValue(**form.cleaned_data))
    except ApplicationError as refused:
        return _parameter_page(request, actor, form=form, error=_with_errors(form, refused))
    if isinstance(submitted, ParameterChangeProposal):
        return redirect("eligibility:parameter_proposal", proposal_id=submitted.pk)
    return redirect("eligibility:parameter_list")


@require_POST
@staff_page
def parameter_confirm_view(request: HttpRequest, actor: User) -> HttpResponse:
    """The county admin confirms a shipped assumption against the county's document."""
    require_capability(actor=actor, capability=Capability.PARAMETER_EDIT)
    form = ParameterConfirmForm(request.POST)
    if not form.is_valid():
        error = str(_("参数确认有误，未保存。"))
        return _parameter_page(request, actor, confirming=form, error=error)
    try:
        parameter_confirm(actor=actor, **form.cleaned_data)
    except ApplicationError as refused:
        error = _with_errors(form, refused)
        return _parameter_page(request, actor, confirming=form, error=error)
    return redirect("eligibility:parameter_list")


@require_http_methods(["GET", "POST"])
@staff_page
def parameter_proposal_view(
    request: HttpRequest, actor: User, proposal_id: uuid.UUID
) -> HttpResponse:
    """A proposed back-dated or current-month value with its 政策测算; another admin decides."""
    require_capability(actor=actor, capability=Capability.PARAMETER_EDIT)
    form = ProposalRejectForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("decision") == "approve":
                parameter_change_approve(actor=actor, proposal_id=proposal_id)
            else:
                parameter_change_reject(
                    actor=actor, proposal_id=proposal_id, reason=form.cleaned_data["reason"]
                )
        except ApplicationError as refused:
            error = _with_errors(form, refused)
        else:
            return redirect("eligibility:parameter_proposal", proposal_id=proposal_id)
    proposal = parameter_proposal(proposal_id=proposal_id)
    if proposal is None:
        raise NotFound
    context = {
        "proposal": proposal,
        "parameter": parameter_label(proposal.name),
        "totals": proposal.whatif.summary["totals"],
        "may_decide": proposal.status == ProposalStatus.PROPOSED
        and proposal.proposed_by_id != actor.pk,
        "form": form,
        "error": error,
    }
    status = 400 if error else 200
    return render(request, "eligibility/parameters/proposal.html", context, status=status)
