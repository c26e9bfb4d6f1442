"""Staff pages of 救助申请: the list, taking a new application, the application page."""

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import require_capability
from minzheng.cases.enums import (
    ApplicationStatus,
    Channel,
    ObjectionOutcome,
    ProposalSource,
    ReviewDecision,
    StepKind,
)
from minzheng.cases.models import Application, AssistanceItem
from minzheng.cases.permissions import access_application, application_scope
from minzheng.cases.selectors.applications import (
    ApplicationDetail,
    application_detail,
    application_list,
)
from minzheng.cases.selectors.recommendations import household_recommendations
from minzheng.cases.selectors.reserves import grant_first_open
from minzheng.cases.services.intake import application_intake
from minzheng.cases.services.records import application_list_view_record, application_view_record
from minzheng.core.clock import today
from minzheng.core.exceptions import ApplicationError, FieldErrors, NotFound, PermissionDenied
from minzheng.core.htmx import is_htmx, page_or_fragment
from minzheng.core.pagination import page_number
from minzheng.registry.permissions import access_household
from minzheng.registry.selectors import household_detail, household_search
from minzheng.registry.services.households import (
    household_search_record,
    household_view_record,
)

if TYPE_CHECKING:
    from minzheng.registry.models import Household


def parse_date(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw.strip()) if raw.strip() else None
    except ValueError:
        return None


@require_GET
@staff_page
def application_list_view(request: HttpRequest, actor: User) -> HttpResponse:
    application_scope(actor=actor)
    status = request.GET.get("status", "")
    step = request.GET.get("step", "")
    result = application_list(actor=actor, status=status, step=step, page=page_number(request))
    application_list_view_record(
        actor=actor, status=status, step=step, results=len(result.applications)
    )
    template = page_or_fragment(request, "cases/application/list.html", "results")
    return render(
        request,
        template,
        {
            "result": result,
            "status": status,
            "step": step,
            "statuses": ApplicationStatus.choices,
            "steps": StepKind.choices,
            "can_intake": actor.has_capability(Capability.APPLICATION_INTAKE),
            "can_pay": actor.has_capability(Capability.PAYMENT_MANAGE),
        },
    )


def _household_or_none(actor: User, raw: str) -> "Household | None":
    try:
        return access_household(
            actor=actor, household_id=uuid.UUID(raw), capability=Capability.APPLICATION_INTAKE
        )
    except (ValueError, NotFound):
        return None


@require_http_methods(["GET", "POST"])
@staff_page
def application_new_view(request: HttpRequest, actor: User) -> HttpResponse:
    """Find a household in the jurisdiction, then take its application with the consent."""
    require_capability(actor=actor, capability=Capability.APPLICATION_INTAKE)
    source = request.POST if request.method == "POST" else request.GET
    household = _household_or_none(actor, source.get("household", ""))
    query = request.GET.get("q", "")[:64]
    if household is not None and request.method == "GET":
        household_view_record(actor=actor, household=household)
    recommendations = (
        household_recommendations(household_id=household.pk, day=today())
        if household is not None
        else []
    )
    context: dict[str, object] = {
        "query": query,
        "household": household,
        "detail": household_detail(household=household) if household is not None else None,
        "channels": Channel.choices,
        "catalogue": AssistanceItem.objects.filter(is_active=True),
        "recommendations": recommendations,
        "today": today(),
        # The recommended items start ticked; the worker decides.
        "values": {
            "channel": Channel.WINDOW,
            "as_of": today().isoformat(),
            "items": [recommendation.code for recommendation in recommendations],
        },
    }
    if query.strip() and household is None:
        result = household_search(actor=actor, query=query, page=page_number(request))
        household_search_record(actor=actor, field=result.field, results=len(result.households))
        context["result"] = result
        if is_htmx(request):
            return render(request, "cases/application/new.html#households", context)
    status = 200
    if request.method == "POST" and household is not None:
        values = {
            "channel": request.POST.get("channel", ""),
            "items": request.POST.getlist("items"),
            "has_consent": request.POST.get("has_consent") == "on",
            "consent_date": request.POST.get("consent_date", ""),
            "consent_signed_by": request.POST.get("consent_signed_by", ""),
            "consent_document": request.POST.get("consent_document", ""),
            "as_of": request.POST.get("as_of", ""),
        }
        try:
            application = application_intake(
                actor=actor,
                household_id=household.pk,
                channel=str(values["channel"]),
                item_codes=request.POST.getlist("items"),
                has_consent=bool(values["has_consent"]),
                consent_date=parse_date(str(values["consent_date"])),
                consent_signed_by=str(values["consent_signed_by"]),
                consent_document=str(values["consent_document"]),
                as_of=parse_date(str(values["as_of"])),
            )
        except (NotFound, PermissionDenied):
            raise
        except ApplicationError as exc:
            status = exc.status
            context |= {"error": exc.message, "errors": exc.fields, "values": values}
        else:
            return redirect("cases:application_detail", application_id=application.pk)
    return render(request, "cases/application/new.html", context, status=status)


@dataclass(frozen=True)
class FormRow:
    """A row of a step form with what was posted and its error, for re-rendering a refusal."""

    row: object
    value: str
    source: str
    error: str
    declare_reason: str = ""
    declare_document: str = ""


def _check_form(
    detail: ApplicationDetail, errors: Mapping[str, object], posted: Mapping[str, str]
) -> list[FormRow]:
    return [
        FormRow(
            row,
            posted.get(f"value:{row.path}", row.value),
            posted.get(f"source:{row.path}", ""),
            str(errors.get(row.path, "")),
            posted.get(f"declare_reason:{row.path}", ""),
            posted.get(f"declare_document:{row.path}", ""),
        )
        for row in detail.check
    ]


def _approval_form(
    detail: ApplicationDetail, errors: Mapping[str, object], posted: Mapping[str, str]
) -> list[FormRow]:
    return [
        FormRow(
            row,
            posted.get(f"amount:{row.item.code}", ""),
            posted.get(f"reason:{row.item.code}", ""),
            str(errors.get(row.item.code, "")),
        )
        for row in detail.items
        # A 待核对 item is listed too, so the county sees why it cannot be approved yet.
        if row.eligible or (row.eligible is None and row.proposal_source == ProposalSource.RULES)
    ]


@dataclass(frozen=True)
class Refusal:
    """The form a service refused, what it posted and the message per field.

    The page holds several forms with the same field names (``amount``, ``reason``); only the
    refused one shows the errors and the typed values, the others stay as they were.
    """

    form: str
    errors: Mapping[str, object]
    posted: Mapping[str, str]


class RefusedForms(dict[str, Refusal]):
    """``refused.<form>`` in the template: the refusal of that form, or a blank one."""

    def __missing__(self, form: str) -> Refusal:
        return Refusal(form=form, errors=FieldErrors(), posted={})


def render_detail(
    request: HttpRequest,
    actor: User,
    application: Application,
    *,
    error: object = None,
    refusal: Refusal | None = None,
    status: int = 200,
) -> HttpResponse:
    """The application page, or its workflow fragment for htmx (which swaps only 2xx)."""
    detail = application_detail(actor=actor, application=application)
    refused = RefusedForms({refusal.form: refusal} if refusal is not None else {})
    context = {
        "detail": detail,
        "check_form": _check_form(detail, refused["check"].errors, refused["check"].posted),
        "approval_form": _approval_form(
            detail, refused["approval"].errors, refused["approval"].posted
        ),
        "error": error,
        "refused": refused,
        "today": today(),
        "review_decisions": ReviewDecision.choices,
        "objection_outcomes": ObjectionOutcome.choices,
        "publicity_url": reverse("publicity:board", args=[application.division_id]),
        "may_grant_first": grant_first_open(actor=actor, application=application),
        "can_pay": actor.has_capability(Capability.PAYMENT_MANAGE),
    }
    if is_htmx(request):
        return render(request, "cases/application/detail.html#workflow", context)
    return render(request, "cases/application/detail.html", context, status=status)


def after_write(request: HttpRequest, application: Application) -> HttpResponse:
    """Reload the application page after a change: a redirect, or HX-Redirect for htmx."""
    url = reverse("cases:application_detail", args=[application.pk])
    if is_htmx(request):
        return HttpResponse(status=200, headers={"HX-Redirect": url})
    return redirect(url)


@require_GET
@never_cache
@staff_page
def application_detail_view(
    request: HttpRequest, actor: User, application_id: uuid.UUID
) -> HttpResponse:
    application = access_application(actor=actor, application_id=application_id)
    application_view_record(actor=actor, application=application)
    return render_detail(request, actor, application)
