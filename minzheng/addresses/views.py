"""The unmatched-address worklist (未匹配地址) per 镇街: list, candidates, search, resolve."""

import uuid

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.models import User
from minzheng.addresses.enums import source_label
from minzheng.addresses.permissions import access_address_alias, alias_scope
from minzheng.addresses.selectors import (
    UNLOCATED,
    alias_worklist,
    alias_worklist_summary,
    worklist_township,
)
from minzheng.addresses.selectors import address_search as address_search_selector
from minzheng.addresses.services import address_alias_resolve_manually
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError
from minzheng.core.htmx import is_htmx, page_or_fragment
from minzheng.core.pagination import page_number

TEMPLATE = "addresses/worklist.html"


@require_GET
@staff_page
def worklist_view(request: HttpRequest, actor: User) -> HttpResponse:
    """Unmatched strings per 镇街, then one township's list with the matcher's candidates.

    A user with one township in scope sees its list straight away.
    """
    scope = alias_scope(actor=actor)
    summary = alias_worklist_summary(scope=scope)
    parameter = request.GET.get("township", "")
    if not parameter and len(summary) == 1:
        parameter = summary[0].parameter
    context: dict[str, object] = {"summary": summary, "chosen": parameter}
    if parameter:
        township = worklist_township(scope=scope, parameter=parameter)
        context["township_name"] = next(
            (line.name for line in summary if line.parameter == parameter), ""
        )
        page = page_number(request)
        context["worklist"] = alias_worklist(scope=scope, township=township, page=page)
        # The strings are addresses as departments wrote them about people: who read which
        # township's list is recorded, the strings themselves are not.
        audit_record(
            actor=actor,
            action=AuditAction.VIEW,
            target_type="address_worklist",
            target_id=parameter,
            changes={"page": page},
        )
    return render(request, page_or_fragment(request, TEMPLATE, "worklist"), context)


@require_GET
@staff_page
def address_search_view(request: HttpRequest, actor: User, alias_id: uuid.UUID) -> HttpResponse:
    """Standard addresses containing the typed text, each with a button to assign it."""
    alias = access_address_alias(actor=actor, alias_id=alias_id)
    scope = alias_scope(actor=actor)
    query = request.GET.get("q", "")[:64]
    addresses = address_search_selector(text=query, division_range=(scope.low, scope.high))
    return render(
        request,
        f"{TEMPLATE}#search_results",
        {"alias": alias, "query": query, "addresses": addresses},
    )


@require_POST
@staff_page
def alias_resolve_view(request: HttpRequest, actor: User, alias_id: uuid.UUID) -> HttpResponse:
    """Assign a standard address; htmx gets the row back, a plain form post the list."""
    alias = access_address_alias(actor=actor, alias_id=alias_id)
    error = ""
    try:
        alias = address_alias_resolve_manually(
            actor=actor, alias_id=alias.pk, address_id=request.POST.get("address", "")
        )
    except ApplicationError as exc:
        error = str(exc.message)
    if not is_htmx(request):
        if error:
            return HttpResponseBadRequest(error)
        township = UNLOCATED if alias.township_id is None else str(alias.township_id)
        return redirect(f"{reverse('addresses:worklist')}?township={township}")
    # The alias as it now stands, even if it moved to a township outside the actor's scope.
    return render(
        request,
        f"{TEMPLATE}#alias_row",
        {"alias": alias, "source_label": source_label(alias.source), "error": error},
    )
