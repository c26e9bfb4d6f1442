from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import require_capability
from minzheng.core.exceptions import ApplicationError
from minzheng.core.htmx import page_or_fragment
from minzheng.core.pagination import page_number
from minzheng.registry.enums import IdType, PersonStatus, SearchField
from minzheng.registry.permissions import access_household, access_person
from minzheng.registry.selectors import household_detail, household_search
from minzheng.registry.services.households import household_search_record, household_view_record
from minzheng.registry.services.imports import COLUMNS, REQUIRED, persons_import
from minzheng.registry.services.persons import (
    EDITABLE_FIELDS,
    person_identifier_reveal,
    person_update,
)

# The household's life in the other apps, each a fragment its owner serves and scopes.
HOUSEHOLD_SECTIONS = (
    "cases:household_applications",
    "monitoring:household_warnings",
    "visits:household_visits",
    "visits:household_wishes",
)


@require_GET
@staff_page
def household_search_view(request: HttpRequest, actor: User) -> HttpResponse:
    require_capability(actor=actor, capability=Capability.REGISTRY_VIEW)
    query = request.GET.get("q", "")[:64]
    field = request.GET.get("field", SearchField.AUTO)
    field = SearchField(field) if field in SearchField.values else SearchField.AUTO
    result = household_search(actor=actor, query=query, field=field, page=page_number(request))
    if query.strip():
        household_search_record(actor=actor, field=result.field, results=len(result.households))
    template = page_or_fragment(request, "registry/household/search.html", "results")
    return render(
        request,
        template,
        {
            "query": query,
            "field": field,
            "fields": SearchField.choices,
            "result": result,
        },
    )


@require_GET
@staff_page
def household_detail_view(request: HttpRequest, actor: User, household_id: str) -> HttpResponse:
    household = access_household(actor=actor, household_id=household_id)
    household_view_record(actor=actor, household=household)
    return render(
        request,
        "registry/household/detail.html",
        {
            "detail": household_detail(household=household),
            "can_reveal": actor.has_capability(Capability.IDENTIFIER_REVEAL),
            "can_edit": actor.has_capability(Capability.REGISTRY_EDIT),
            "can_check_report": actor.has_capability(Capability.CHECK_REPORT),
            "can_view_statement": actor.has_capability(Capability.STATEMENT_VIEW),
            "can_view_profile": actor.has_capability(Capability.PROFILE_VIEW),
            "sections": HOUSEHOLD_SECTIONS,
        },
    )


@require_http_methods(["GET", "POST"])
@staff_page
def person_import_view(request: HttpRequest, actor: User) -> HttpResponse:
    """Upload a CSV of persons; on any bad row the page lists every problem and saves nothing."""
    require_capability(actor=actor, capability=Capability.REGISTRY_EDIT)
    context: dict[str, object] = {"columns": COLUMNS, "required": REQUIRED}
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ApplicationError(_("请选择要上传的 CSV 文件。"), fields={"file": ""})
            summary = persons_import(actor=actor, upload=upload.read())
        except ApplicationError as exc:
            status = 400
            context["error"] = exc.message
            context["row_errors"] = [
                (key.partition(":")[0], key.partition(":")[2], message)
                for key, message in exc.fields.items()
                if ":" in key
            ]
        else:
            context["imported"] = summary.imported
    return render(request, "registry/person/import.html", context, status=status)


@require_http_methods(["GET", "POST"])
@staff_page
def person_edit_view(request: HttpRequest, actor: User, person_id: str) -> HttpResponse:
    """Correct a person's details; the full ID number is never put in the form."""
    person, household = access_person(
        actor=actor, person_id=person_id, capability=Capability.REGISTRY_EDIT
    )
    context: dict[str, object] = {
        "person": person,
        "household": household,
        "id_types": IdType.choices,
        "statuses": PersonStatus.choices,
        "values": {field: getattr(person, field) for field in EDITABLE_FIELDS} | {"id_number": ""},
    }
    status = 200
    if request.method == "POST":
        values = {field: request.POST.get(field, "") for field in EDITABLE_FIELDS}
        if not values["id_number"].strip():
            del values["id_number"]  # left blank: keep the number the form does not show
        try:
            person_update(actor=actor, person_id=person.pk, values=values)
        except ApplicationError as exc:
            status = 400
            context |= {"error": exc.message, "errors": exc.fields, "values": values}
        else:
            return redirect("registry:household_detail", household_id=household.pk)
    return render(request, "registry/person/edit.html", context, status=status)


@require_POST
@staff_page
def person_reveal_view(request: HttpRequest, actor: User, person_id: str) -> HttpResponse:
    number = person_identifier_reveal(actor=actor, person_id=person_id)
    return render(request, "registry/household/detail.html#revealed", {"number": number})
