"""动态管理: the county decides the rules' proposals for running benefits."""

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.models import User
from minzheng.cases.permissions import access_benefit_review
from minzheng.cases.selectors.reviews import benefit_reviews_open
from minzheng.cases.services.reviews import benefit_review_decide
from minzheng.core.exceptions import ApplicationError
from minzheng.core.htmx import is_htmx, page_or_fragment
from minzheng.core.months import month_parse
from minzheng.core.pagination import page_number

TEMPLATE = "cases/reviews/list.html"


@require_GET
@staff_page
def review_list_view(request: HttpRequest, actor: User) -> HttpResponse:
    page = benefit_reviews_open(actor=actor, page=page_number(request))
    return render(request, page_or_fragment(request, TEMPLATE, "reviews"), {"reviews": page})


@require_POST
@staff_page
def review_decide_view(request: HttpRequest, actor: User, review_id: uuid.UUID) -> HttpResponse:
    review = access_benefit_review(actor=actor, review_id=review_id)
    approve = request.POST.get("decision") == "approve"
    error = ""
    try:
        review = benefit_review_decide(
            actor=actor,
            review=review,
            approve=approve,
            reason=request.POST.get("reason", ""),
            effective_month=month_parse(request.POST.get("effective_month", "")),
        )
    except ApplicationError as refused:
        error = str(refused.message)
    if not is_htmx(request):
        return redirect("cases:review_list")
    # htmx swaps only 2xx answers, so a refusal comes back as the row with its message.
    return render(request, f"{TEMPLATE}#review_row", {"review": review, "error": error})
