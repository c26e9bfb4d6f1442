"""The 救助申请 section of the registry's household page, loaded by htmx from this app.

The registry sits below cases in the import layers, so its page cannot read applications; it
asks for this fragment instead, and this app's own access check decides who gets it.
"""

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.models import User
from minzheng.cases.permissions import access_application_household
from minzheng.cases.selectors.household import household_applications
from minzheng.cases.services.records import household_applications_view_record


@require_GET
@staff_page
def household_applications_view(
    request: HttpRequest, actor: User, household_id: uuid.UUID
) -> HttpResponse:
    household = access_application_household(actor=actor, household_id=household_id)
    lines = household_applications(household_id=household.pk)
    household_applications_view_record(actor=actor, household=household, results=len(lines))
    return render(request, "cases/household/applications.html", {"lines": lines})
