"""Pages of 微心愿 and the household page's 探访 sections.

The wish list serves two readers: staff who raised wishes on their visits follow their status
(``VISIT_RECORD``), charity staff see the public wishes and claim one (``WISH_VIEW``,
``WISH_CLAIM``). The household sections are fragments the registry's household page loads by
htmx, because the registry sits below this app in the import layers.
"""

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.core.exceptions import ApplicationError, NotFound, PermissionDenied
from minzheng.visits.permissions import access_visit_household
from minzheng.visits.selectors import (
    household_visits,
    household_wishes,
    wish_list,
    wishes_raised_by,
)
from minzheng.visits.services.records import household_section_view_record, wish_list_view_record
from minzheng.visits.services.wishes import wish_claim


def _wish_page(
    request: HttpRequest, actor: User, *, notice: str = "", error: str = "", status: int = 200
) -> HttpResponse:
    raises = actor.has_capability(Capability.VISIT_RECORD)
    gives = actor.has_capability(Capability.WISH_VIEW)
    if not (raises or gives):
        raise PermissionDenied
    raised = wishes_raised_by(actor=actor) if raises else []
    rows = wish_list(actor=actor) if gives else []
    wish_list_view_record(actor=actor, results=len(raised) + len(rows))
    context = {
        "raises": raises,
        "gives": gives,
        "raised": raised,
        "rows": rows,
        "can_claim": actor.has_capability(Capability.WISH_CLAIM),
        "notice": notice,
        "error": error,
    }
    return render(request, "visits/wish/list.html", context, status=status)


@require_GET
@staff_page
def wish_list_view(request: HttpRequest, actor: User) -> HttpResponse:
    return _wish_page(request, actor)


@require_POST
@staff_page
def wish_claim_view(request: HttpRequest, actor: User, wish_id: uuid.UUID) -> HttpResponse:
    """Claim, then show the list again with what happened (a taken wish says so: 409)."""
    try:
        wish = wish_claim(actor=actor, wish_id=wish_id)
    except (NotFound, PermissionDenied):
        raise
    except ApplicationError as refused:
        return _wish_page(request, actor, error=str(refused.message), status=409)
    notice = _("已认领心愿「%(item)s」，请与所在村(社区)联系落实。") % {"item": wish.item}
    return _wish_page(request, actor, notice=notice)


@require_GET
@staff_page
def household_visits_view(
    request: HttpRequest, actor: User, household_id: uuid.UUID
) -> HttpResponse:
    household = access_visit_household(actor=actor, household_id=household_id)
    lines = household_visits(household=household)
    household_section_view_record(
        actor=actor, household=household, section="visits", results=len(lines)
    )
    return render(request, "visits/household/visits.html", {"lines": lines, "household": household})


@require_GET
@staff_page
def household_wishes_view(
    request: HttpRequest, actor: User, household_id: uuid.UUID
) -> HttpResponse:
    household = access_visit_household(actor=actor, household_id=household_id)
    wishes = household_wishes(household=household)
    household_section_view_record(
        actor=actor, household=household, section="wishes", results=len(wishes)
    )
    return render(request, "visits/household/wishes.html", {"wishes": wishes})
