"""A household's profile page: types, colour, the facts behind them, and the timeline."""

import datetime as dt
import uuid
from collections.abc import Mapping

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import require_capability
from minzheng.core.audit import audit_record
from minzheng.core.clock import today
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError
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
    error, errors = "", {}
    posted: Mapping[str, str] = {}
    if request.method == "POST":
        posted = request.POST
        try:
            profile_setting_add(
                actor=actor,
                name=posted.get("name", ""),
                region=posted.get("region", ""),
                start=_date(posted.get("start", "")),
                value=posted.get("value", ""),
                reference=posted.get("reference", ""),
            )
        except ApplicationError as refused:
            error, errors = str(refused.message), dict(refused.fields)
        else:
            return redirect("profiling:model")
    context = {
        "rows": model_rows(day=today()),
        "regions": REGIONS,
        "added": profile_settings_added(),
        "names": setting_names(),
        "error": error,
        "errors": errors,
        "posted": posted,
    }
    return render(request, "profiling/model.html", context, status=400 if error else 200)


def _date(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise ApplicationError(
            _("画像模型参数未保存。"), fields={"start": _("日期应为 YYYY-MM-DD 格式。")}
        ) from None
