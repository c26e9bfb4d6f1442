"""预警 pages: the jurisdiction's warnings, one warning with its close form, 主动发现."""

import uuid
from collections.abc import Mapping

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.core.exceptions import ApplicationError, FieldErrors
from minzheng.core.htmx import is_htmx, page_or_fragment
from minzheng.core.pagination import page_number
from minzheng.monitoring.enums import Cause, Outcome
from minzheng.monitoring.models import EarlyWarning
from minzheng.monitoring.permissions import access_warning
from minzheng.monitoring.selectors import (
    discovery_list,
    warning_events,
    warning_evidence_choices,
    warning_list,
    warning_persons,
)
from minzheng.monitoring.services import warning_close
from minzheng.profiling.enums import Colour
from minzheng.visits.enums import ReferralDepartment

LIST_TEMPLATE = "monitoring/warning/list.html"
DETAIL_TEMPLATE = "monitoring/warning/detail.html"
DISCOVERY_TEMPLATE = "monitoring/discovery/list.html"
EVIDENCE_FIELDS = ("visit", "application", "department", "note", "reference")


def _colour(raw: str) -> int | None:
    return int(raw) if raw.isdigit() and int(raw) in Colour.values else None


@require_GET
@staff_page
def warning_list_view(request: HttpRequest, actor: User) -> HttpResponse:
    colour = _colour(request.GET.get("colour", ""))
    cause = request.GET.get("cause", "")
    cause = cause if cause in Cause.values else ""
    warnings = warning_list(actor=actor, page=page_number(request), colour=colour, cause=cause)
    context = {
        "warnings": warnings,
        "colours": Colour.choices,
        "causes": Cause.choices,
        "colour": colour,
        "cause": cause,
    }
    return render(request, page_or_fragment(request, LIST_TEMPLATE, "warnings"), context)


def _detail(
    request: HttpRequest,
    actor: User,
    warning: EarlyWarning,
    *,
    error: str = "",
    errors: Mapping[str, object] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "warning": warning,
        # An open warning links to taking the household's application (纳入救助 needs one).
        "can_intake": actor.has_capability(Capability.APPLICATION_INTAKE),
        "events": warning_events(warning=warning),
        "persons": warning_persons(warning=warning),
        "choices": warning_evidence_choices(warning=warning),
        # 停发/减员 is offered for a death only; the service refuses it for the rest.
        "outcomes": [
            (value, label)
            for value, label in Outcome.choices
            if value != Outcome.BENEFIT_REVIEW or warning.cause == Cause.DEATH
        ],
        "departments": ReferralDepartment.choices,
        "error": error,
        "errors": errors or FieldErrors(),
        "form": request.POST if request.method == "POST" else {},
    }
    template = page_or_fragment(request, DETAIL_TEMPLATE, "closing")
    return render(request, template, context, status=status)


@require_GET
@staff_page
def warning_detail_view(request: HttpRequest, actor: User, warning_id: uuid.UUID) -> HttpResponse:
    return _detail(request, actor, access_warning(actor=actor, warning_id=warning_id))


@require_POST
@staff_page
def warning_close_view(request: HttpRequest, actor: User, warning_id: uuid.UUID) -> HttpResponse:
    warning = access_warning(actor=actor, warning_id=warning_id)
    evidence = {name: request.POST.get(name, "") for name in EVIDENCE_FIELDS}
    try:
        warning = warning_close(
            actor=actor,
            warning_id=warning.pk,
            outcome=request.POST.get("outcome", ""),
            evidence=evidence,
        )
    except ApplicationError as refused:
        # htmx swaps only 2xx answers, so a refusal comes back as the form with its message.
        return _detail(request, actor, warning, error=str(refused.message), errors=refused.fields)
    if not is_htmx(request):
        return redirect("monitoring:warning_detail", warning_id=warning.pk)
    return _detail(request, actor, warning)


@require_GET
@staff_page
def discovery_view(request: HttpRequest, actor: User) -> HttpResponse:
    found = discovery_list(actor=actor, page=page_number(request))
    # 受理 opens the intake form on the household; the intake view checks access again.
    context = {"found": found, "can_intake": actor.has_capability(Capability.APPLICATION_INTAKE)}
    return render(request, page_or_fragment(request, DISCOVERY_TEMPLATE, "households"), context)
