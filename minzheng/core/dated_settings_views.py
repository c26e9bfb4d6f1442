"""The page where the county admin reads a model's numbers and adds a dated value.

The 五型三色 model (/profiling/model/) and the warning rules (/monitoring/rules/) show the same
table (shipped value, value in force per region) and the same add form; each app's view checks
the capability and passes its own rows and add service.
"""

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from minzheng.core.dated_settings import DatedSetting, SettingRow
from minzheng.core.exceptions import ApplicationError

# add(name=, region=, start=, value=, reference=) → the new setting, or ApplicationError.
SettingAdd = Callable[..., DatedSetting]


@dataclass(frozen=True)
class SettingsPage:
    title: str
    intro: str
    names: Sequence[str]
    regions: Mapping[str, str]
    rows: Callable[[], Sequence[SettingRow]]
    added: Callable[[], Sequence[DatedSetting]]
    add: SettingAdd
    url_name: str


def _start(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise ApplicationError(
            _("参数取值未保存。"), fields={"start": _("日期应为 YYYY-MM-DD 格式。")}
        ) from None


def dated_settings_page(request: HttpRequest, page: SettingsPage) -> HttpResponse:
    """GET shows the table; POST adds a value and redirects, or shows the refusal (400)."""
    error, errors = "", {}
    posted: Mapping[str, str] = {}
    if request.method == "POST":
        posted = request.POST
        try:
            page.add(
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
        "rows": page.rows(),
        "added": page.added(),
        "error": error,
        "errors": errors,
        "posted": posted,
    }
    return render(request, "core/dated_settings.html", context, status=400 if error else 200)
