"""在册复核: migrated benefits the rules judge differently, kept or put to 动态管理."""

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from minzheng_pipeline.identifiers import mask

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.models import User
from minzheng.cases.permissions import access_caseload_review
from minzheng.cases.selectors.caseload import caseload_reviews_pending
from minzheng.cases.services.caseload_reviews import caseload_review_resolve
from minzheng.core.exceptions import ApplicationError
from minzheng.core.htmx import is_htmx, page_or_fragment
from minzheng.core.pagination import page_number

TEMPLATE = "cases/caseload/worklist.html"


def _row(review: object) -> dict[str, object]:
    entries = list(review.application_item.caseload_entries.all())  # type: ignore[attr-defined]
    return {
        "review": review,
        "entries": [
            {"entry": entry, "account": mask(entry.account_number) if entry.account_number else ""}
            for entry in entries
        ],
    }


@require_GET
@staff_page
def caseload_worklist_view(request: HttpRequest, actor: User) -> HttpResponse:
    page = caseload_reviews_pending(actor=actor, page=page_number(request))
    context = {"page": page, "rows": [_row(review) for review in page.rows]}
    return render(request, page_or_fragment(request, TEMPLATE, "worklist"), context)


@require_POST
@staff_page
def caseload_resolve_view(request: HttpRequest, actor: User, review_id: uuid.UUID) -> HttpResponse:
    review = access_caseload_review(actor=actor, review_id=review_id)
    error = ""
    try:
        review = caseload_review_resolve(
            actor=actor,
            review=review,
            keep=request.POST.get("decision") == "keep",
            reason=request.POST.get("reason", ""),
        )
    except ApplicationError as refused:
        error = str(refused.message)
    if not is_htmx(request) and not error:
        return redirect("cases:caseload_worklist")
    row = _row(access_caseload_review(actor=actor, review_id=review.pk)) | {"error": error}
    return render(request, f"{TEMPLATE}#worklist_row", row, status=200 if is_htmx(request) else 400)
