"""Pages of the clerical review queue: a card per uncertain pair, decided with one click."""

import uuid

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import require_capability
from minzheng.core.htmx import is_htmx, page_or_fragment
from minzheng.core.pagination import page_number
from minzheng.integration.enums import Department
from minzheng.integration.selectors.reviews import (
    link_review_card,
    link_review_queue,
    link_review_summary,
)
from minzheng.integration.services.reviews import (
    ReviewAlreadyDecided,
    link_review_decide,
    link_review_queue_view_record,
)

DECISIONS = {"approve": True, "reject": False}


def _uuid_or_none(raw: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw)
    except ValueError:
        return None


@require_GET
@staff_page
def review_queue_view(request: HttpRequest, actor: User) -> HttpResponse:
    require_capability(actor=actor, capability=Capability.LINK_REVIEW)
    department = request.GET.get("department", "")
    department = department if department in Department.values else ""
    feed_import_id = _uuid_or_none(request.GET.get("feed_import", ""))
    result = link_review_queue(
        actor=actor,
        department=department or None,
        feed_import_id=feed_import_id,
        page=page_number(request),
    )
    link_review_queue_view_record(
        actor=actor,
        department=department,
        feed_import_id=feed_import_id,
        page=result.page,
        results=len(result.cards),
    )
    template = page_or_fragment(request, "integration/review/queue.html", "queue")
    return render(
        request,
        template,
        {
            "result": result,
            "summary": link_review_summary(actor=actor),
            "department": department,
            "feed_import_id": feed_import_id,
        },
    )


@require_POST
@staff_page
def review_decide_view(request: HttpRequest, actor: User, review_id: uuid.UUID) -> HttpResponse:
    """Decide one pair; htmx gets the decided card back, a plain form post the queue."""
    approve = DECISIONS.get(request.POST.get("decision", ""))
    if approve is None:
        return HttpResponseBadRequest(_("请选择“确认同一人”或“不是同一人”。"))
    notice = ""
    try:
        link_review_decide(actor=actor, review_id=review_id, approve=approve)
    except ReviewAlreadyDecided as exc:
        # A double click or a colleague was faster: show the decision that stands.
        notice = str(exc.message)
    if not is_htmx(request):
        return redirect("integration:review_queue")
    card = link_review_card(actor=actor, review_id=review_id)
    return render(request, "integration/review/queue.html#card", {"card": card, "notice": notice})
