"""A household's profile page: types, colour, the facts behind them, and the timeline."""

import uuid
from functools import partial

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import require_capability
from minzheng.core.audit import audit_record
from minzheng.core.clock import today
from minzheng.core.dated_settings_views import SettingsPage, dated_settings_page
from minzheng.core.enums import AuditAction
from minzheng.eligibility.rules.regions import REGIONS
from minzheng.profiling.permissions import access_profile
from minzheng.profiling.selectors import (
    household_profile,
    household_profile_timeline,
    model_rows,
    profile_settings_added,
)
from minzheng.profiling.settings import profile_setting_add, setting_names


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
    require_capability(actor=actor, capability=Capability.PARAMETER_EDIT)
    page = SettingsPage(
        title=_("五型三色画像模型"),
        intro=_(
            "阈值和权重按行政区划、按生效日期取值。新的取值从其生效日期起用于画像，"
            "历史取值不能改写。"
        ),
        names=setting_names(),
        regions=REGIONS,
        rows=lambda: model_rows(day=today()),
        added=profile_settings_added,
        add=partial(profile_setting_add, actor=actor),
        url_name="profiling:model",
    )
    return dated_settings_page(request, page)
