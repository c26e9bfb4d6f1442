"""The county admin's page for the 一件事 catalogue."""

from collections.abc import Mapping

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import require_capability
from minzheng.cases.enums import ItemKind, OwningDepartment
from minzheng.cases.models import AssistanceItem
from minzheng.cases.services.catalogue import ADDABLE_KINDS, assistance_item_save
from minzheng.core.exceptions import ApplicationError, FieldErrors


def _number(raw: str) -> int:
    return int(raw) if raw.strip().isdigit() else -1


@require_http_methods(["GET", "POST"])
@staff_page
def catalogue_view(request: HttpRequest, actor: User) -> HttpResponse:
    require_capability(actor=actor, capability=Capability.PARAMETER_EDIT)
    error, errors = "", FieldErrors()
    posted: Mapping[str, str] = {}
    if request.method == "POST":
        posted = request.POST
        try:
            assistance_item_save(
                actor=actor,
                code=posted.get("code", "").strip(),
                name=posted.get("name", ""),
                needs_publicity=posted.get("needs_publicity") == "on",
                is_active=posted.get("is_active") == "on",
                display_order=_number(posted.get("display_order", "")),
                kind=posted.get("kind", ""),
                department=posted.get("department", ""),
            )
        except ApplicationError as refused:
            error, errors = str(refused.message), refused.fields
        else:
            return redirect("cases:catalogue")
    context = {
        "items": AssistanceItem.objects.all(),
        "kinds": [(kind.value, kind.label) for kind in ItemKind if kind in ADDABLE_KINDS],
        "departments": OwningDepartment.choices,
        "error": error,
        "errors": errors,
        "posted": posted,
        # Which form the refusal belongs to: a row (an existing code) or the new-item form.
        "refused_form": posted.get("form")
        or (
            "edit" if AssistanceItem.objects.filter(code=posted.get("code", "")).exists() else "new"
        ),
    }
    return render(request, "cases/catalogue/list.html", context, status=400 if error else 200)
