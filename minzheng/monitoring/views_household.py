"""The 预警 section of the registry's household page, loaded by htmx from this app.

The registry sits below monitoring in the import layers, so its page asks for this fragment;
this app's own access check decides who gets it.
"""

import uuid

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction
from minzheng.monitoring.permissions import access_warning_household
from minzheng.monitoring.selectors import household_warnings

HOUSEHOLD_WARNINGS_TARGET = "monitoring.household_warnings"


@require_GET
@staff_page
def household_warnings_view(
    request: HttpRequest, actor: User, household_id: uuid.UUID
) -> HttpResponse:
    household = access_warning_household(actor=actor, household_id=household_id)
    lines = household_warnings(household_id=household.pk)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.VIEW,
            target_type=HOUSEHOLD_WARNINGS_TARGET,
            target_id=household.pk,
            division_code=household.division_id,
            changes={"results": len(lines)},
        )
    return render(request, "monitoring/household/warnings.html", {"lines": lines})
