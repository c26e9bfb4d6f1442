"""The page where the county admin reads a model's numbers and adds a dated value.

The 五型三色 model (/profiling/model/), the warning rules (/monitoring/rules/) and the visit
cadence (/visits/cadence/) show the same table (shipped value, value in force per region) and
the same add form; each app's view passes its ``SettingsSpec`` and its words.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from minzheng.core.clock import today
from minzheng.core.dated_settings import (
    DatedSetting,
    SettingsSpec,
    setting_add,
    setting_rows,
    settings_added,
)
from minzheng.core.exceptions import ApplicationError, PermissionDenied

if TYPE_CHECKING:
    from minzheng.accounts.models import User


@dataclass(frozen=True)
class SettingsPage:
    title: str
    intro: str
    spec: SettingsSpec[DatedSetting]
    url_name: str


@dataclass(frozen=True)
class AddedValue:
    setting: DatedSetting
    label: str
    region_name: str


def _start(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise ApplicationError(
            _("参数取值未保存。"), fields={"start": _("生效日期应为 YYYY-MM-DD 格式的日期。")}
        ) from None


def dated_settings_page(request: HttpRequest, actor: "User", page: SettingsPage) -> HttpResponse:
    """GET shows the table; POST adds a value and redirects, or shows the refusal (400).

    Raises:
        PermissionDenied: the actor may not edit this model (GET or POST).
    """
    spec = page.spec
    if not spec.may_edit(actor):
        raise PermissionDenied
    error, errors = "", {}
    posted: Mapping[str, str] = {}
    if request.method == "POST":
        posted = request.POST
        try:
            setting_add(
                spec,
                actor=actor,
                name=posted.get("name", ""),
                region=posted.get("region", ""),
                start=_start(posted.get("start", "")),
                value=posted.get("value", ""),
                reference=posted.get("reference", ""),
            )
        except ApplicationError as refused:
            error, errors = str(refused.message), dict(refused.fields)
        else:
            return redirect(page.url_name)
    context = {
        "page": page,
        "choices": [(name, spec.label(name)) for name in spec.names()],
        "regions": spec.regions,
        "rows": setting_rows(spec, day=today()),
        "added": [
            AddedValue(setting, spec.label(setting.name), spec.regions.get(setting.region, ""))
            for setting in settings_added(spec)
        ],
        "error": error,
        "errors": errors,
        "posted": posted,
    }
    return render(request, "core/dated_settings.html", context, status=400 if error else 200)
