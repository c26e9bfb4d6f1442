"""在册复核: migrated benefits the rules judge differently, kept or put to 动态管理."""

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from minzheng_pipeline.identifiers import mask

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.models import User
from minzheng.cases.models import CaseloadReview
from minzheng.cases.permissions import access_caseload_review
from minzheng.cases.selectors.caseload import caseload_reviews_pending
from minzheng.cases.services.caseload_reviews import caseload_review_resolve
from minzheng.core.exceptions import ApplicationError
from minzheng.core.htmx import is_htmx, page_or_fragment
from minzheng.core.pagination import page_number
from minzheng.eligibility.selectors import current_judgement_sentences

TEMPLATE = "cases/caseload/worklist.html"


def _row(review: CaseloadReview, sentences: dict[str, list[str]]) -> dict[str, object]:
    entries = list(review.application_item.caseload_entries.all())
    return {
        "review": review,
        "sentences": sentences.get(review.rules_programme, []),
        "entries": [
            {"entry": entry, "account": mask(entry.account_number) if entry.account_number else ""}
            for entry in entries
        ],
    }


@require_GET
@staff_page
def caseload_worklist_view(request: HttpRequest, actor: User) -> HttpResponse:
    page = caseload_reviews_pending(actor=actor, page=page_number(request))
    sentences = current_judgement_sentences(household_ids={r.household_id for r in page.rows})
    rows = [_row(review, sentences.get(review.household_id, {})) for review in page.rows]
    context = {"page": page, "rows": rows}
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
    review = access_caseload_review(actor=actor, review_id=review.pk)
    sentences = current_judgement_sentences(household_ids={review.household_id})
    row = _row(review, sentences.get(review.household_id, {})) | {"error": error}
    return render(request, f"{TEMPLATE}#worklist_row", row, status=200 if is_htmx(request) else 400)
