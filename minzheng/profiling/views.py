"""A household's profile page: types, colour, the facts behind them, and the timeline."""

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction
from minzheng.profiling.permissions import access_profile
from minzheng.profiling.selectors import household_profile, household_profile_timeline


@require_GET
@staff_page
def household_profile_view(
    request: HttpRequest, actor: User, household_id: uuid.UUID
) -> HttpResponse:
    household = access_profile(actor=actor, household_id=household_id)
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target_type="profiling.household_profile",
        target_id=household.pk,
        division_code=household.division_id,
    )
    context = {
        "household": household,
        "profile": household_profile(household_id=household.pk),
        "timeline": household_profile_timeline(household_id=household.pk),
    }
    return render(request, "profiling/household.html", context)
