"""One view per workflow transition: parse the form, call the service, reload the page.

A refusal re-renders the application page with the message and the fields in error (the
fragment for htmx); NotFound and PermissionDenied become 404 and 403 through ``staff_page``.
"""

import uuid
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.models import User
from minzheng.cases.duties import DutyConflict
from minzheng.cases.models import Application
from minzheng.cases.permissions import access_application, access_objection
from minzheng.cases.services.approval import (
    ItemDecision,
    application_approve,
    application_refuse,
)
from minzheng.cases.services.check import application_check_confirm
from minzheng.cases.services.declarations import Declaration
from minzheng.cases.services.grant_first import temporary_grant_first
from minzheng.cases.services.investigation import (
    application_investigation_record,
    application_township_review,
)
from minzheng.cases.services.proposal import application_item_propose
from minzheng.cases.services.publicity import objection_resolve, publicity_complete
from minzheng.cases.views_applications import Refusal, after_write, parse_date, render_detail
from minzheng.core.exceptions import ApplicationError, NotFound, PermissionDenied

VALUE_PREFIX = "value:"
SOURCE_PREFIX = "source:"
# A 未核对 fact given a value: the household's declaration, its reason and evidence number.
DECLARE_REASON_PREFIX = "declare_reason:"
DECLARE_DOCUMENT_PREFIX = "declare_document:"


def _run(
    request: HttpRequest,
    actor: User,
    application: Application,
    action: Callable[[], object],
    *,
    form: str,
) -> HttpResponse:
    """Run ``action``; a refusal re-renders the page with ``form`` showing what was posted."""
    try:
        action()
    except DutyConflict as exc:
        # A 403 the approver can act on (ask a colleague), so it is shown on the page.
        application.refresh_from_db()
        return render_detail(request, actor, application, error=exc.message, status=exc.status)
    except (NotFound, PermissionDenied):
        raise
    except ApplicationError as exc:
        application.refresh_from_db()
        return render_detail(
            request,
            actor,
            application,
            error=exc.message,
            refusal=Refusal(form=form, errors=exc.fields, posted=request.POST),
            status=exc.status,
        )
    return after_write(request, application)


def _amount(raw: str) -> Decimal | None:
    """Yuan as staff write them ("1,500", "1500元", full-width digits); None when left blank."""
    text = raw.strip().replace(",", "").replace("，", "").removesuffix("元").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return Decimal("-1")  # refused by the service as not an amount above 0
    return value if value.is_finite() else Decimal("-1")


@require_POST
@staff_page
def check_confirm_view(
    request: HttpRequest, actor: User, application_id: uuid.UUID
) -> HttpResponse:
    application = access_application(actor=actor, application_id=application_id)
    values = {
        key.removeprefix(VALUE_PREFIX): request.POST.get(key, "")
        for key in request.POST
        if key.startswith(VALUE_PREFIX)
    }
    sources = {
        key.removeprefix(SOURCE_PREFIX): request.POST.get(key, "")
        for key in request.POST
        if key.startswith(SOURCE_PREFIX)
    }
    declared = {
        key.removeprefix(prefix)
        for key in request.POST
        for prefix in (DECLARE_REASON_PREFIX, DECLARE_DOCUMENT_PREFIX)
        if key.startswith(prefix)
    }
    declarations = {
        path: Declaration(
            reason=request.POST.get(DECLARE_REASON_PREFIX + path, ""),
            document_number=request.POST.get(DECLARE_DOCUMENT_PREFIX + path, ""),
        )
        for path in declared
    }
    return _run(
        request,
        actor,
        application,
        lambda: application_check_confirm(
            actor=actor,
            application_id=application.pk,
            values=values,
            sources=sources,
            on_behalf_reason=request.POST.get("on_behalf_reason", ""),
            declarations=declarations,
        ),
        form="check",
    )


@require_POST
@staff_page
def item_propose_view(request: HttpRequest, actor: User, application_id: uuid.UUID) -> HttpResponse:
    application = access_application(actor=actor, application_id=application_id)
    return _run(
        request,
        actor,
        application,
        lambda: application_item_propose(
            actor=actor,
            application_id=application.pk,
            item_code=request.POST.get("item", ""),
            eligible=request.POST.get("eligible") == "true",
            amount=_amount(request.POST.get("amount", "")),
            note=request.POST.get("note", ""),
        ),
        form="item",
    )


@require_POST
@staff_page
def investigation_view(
    request: HttpRequest, actor: User, application_id: uuid.UUID
) -> HttpResponse:
    application = access_application(actor=actor, application_id=application_id)
    return _run(
        request,
        actor,
        application,
        lambda: application_investigation_record(
            actor=actor,
            application_id=application.pk,
            visited_on=parse_date(request.POST.get("visited_on", "")),
            present=request.POST.get("present", ""),
            living_conditions=request.POST.get("living_conditions", ""),
            composition_confirmed=request.POST.get("composition_confirmed") == "true",
            facts_confirmed=request.POST.get("facts_confirmed") == "true",
            notes=request.POST.get("notes", ""),
            on_behalf_reason=request.POST.get("on_behalf_reason", ""),
        ),
        form="investigation",
    )


@require_POST
@staff_page
def township_review_view(
    request: HttpRequest, actor: User, application_id: uuid.UUID
) -> HttpResponse:
    application = access_application(actor=actor, application_id=application_id)
    return _run(
        request,
        actor,
        application,
        lambda: application_township_review(
            actor=actor,
            application_id=application.pk,
            decision=request.POST.get("decision", ""),
            reason=request.POST.get("reason", ""),
        ),
        form="review",
    )


@require_POST
@staff_page
def grant_first_view(request: HttpRequest, actor: User, application_id: uuid.UUID) -> HttpResponse:
    application = access_application(actor=actor, application_id=application_id)
    # Blank or not a number reads as 0, which the service refuses by field.
    amount = _amount(request.POST.get("amount", "")) or Decimal(0)
    return _run(
        request,
        actor,
        application,
        lambda: temporary_grant_first(
            actor=actor,
            application_id=application.pk,
            amount=amount,
            reason=request.POST.get("grant_reason", ""),
        ),
        form="grant_first",
    )


@require_POST
@staff_page
def objection_resolve_view(
    request: HttpRequest, actor: User, objection_id: uuid.UUID
) -> HttpResponse:
    objection = access_objection(actor=actor, objection_id=objection_id)
    return _run(
        request,
        actor,
        objection.application,
        lambda: objection_resolve(
            actor=actor,
            objection_id=objection.pk,
            upheld=request.POST.get("upheld") == "true",
            outcome=request.POST.get("outcome", ""),
            reason=request.POST.get("reason", ""),
        ),
        form="objection",
    )


@require_POST
@staff_page
def publicity_complete_view(
    request: HttpRequest, actor: User, application_id: uuid.UUID
) -> HttpResponse:
    application = access_application(actor=actor, application_id=application_id)
    return _run(
        request,
        actor,
        application,
        lambda: publicity_complete(actor=actor, application_id=application.pk),
        form="publicity",
    )


def _decisions(request: HttpRequest) -> dict[str, ItemDecision]:
    """``grant:<code>`` true/false with ``amount:<code>`` and ``reason:<code>`` per item."""
    decisions = {}
    for key in request.POST:
        choice = request.POST.get(key, "")
        code = key.removeprefix("grant:")
        if code == key or choice not in ("true", "false"):
            continue
        decisions[code] = ItemDecision(
            grant=choice == "true",
            amount=_amount(request.POST.get(f"amount:{code}", "")),
            reason=request.POST.get(f"reason:{code}", ""),
        )
    return decisions


@require_POST
@staff_page
def approve_view(request: HttpRequest, actor: User, application_id: uuid.UUID) -> HttpResponse:
    application = access_application(actor=actor, application_id=application_id)
    return _run(
        request,
        actor,
        application,
        lambda: application_approve(
            actor=actor,
            application_id=application.pk,
            decisions=_decisions(request),
            reason=request.POST.get("reason", ""),
        ),
        form="approval",
    )


@require_POST
@staff_page
def refuse_view(request: HttpRequest, actor: User, application_id: uuid.UUID) -> HttpResponse:
    application = access_application(actor=actor, application_id=application_id)
    return _run(
        request,
        actor,
        application,
        lambda: application_refuse(
            actor=actor, application_id=application.pk, reason=request.POST.get("reason", "")
        ),
        form="refusal",
    )
