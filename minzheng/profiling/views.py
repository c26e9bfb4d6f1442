"""A household's profile page: types, colour, the facts behind them, and the timeline."""

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.dated_settings_views import SettingsPage, dated_settings_page
from minzheng.core.enums import AuditAction
from minzheng.profiling.permissions import access_profile
from minzheng.profiling.selectors import (
    household_profile,
    household_profile_timeline,
)
from minzheng.profiling.settings import PROFILE_SETTINGS


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


@require_http_methods(["GET", "POST"])
@staff_page
def model_view(request: HttpRequest, actor: User) -> HttpResponse:
    """The 五型三色 model in force per region; the county admin adds dated values."""
    page = SettingsPage(
        title=_("五型三色画像模型"),
        intro=_(
            "阈值和权重按行政区划、按生效日期取值。新的取值从其生效日期起用于画像，"
            "历史取值不能改写。"
        ),
        spec=PROFILE_SETTINGS,
        url_name="profiling:model",
    )
    return dated_settings_page(request, actor, page)
