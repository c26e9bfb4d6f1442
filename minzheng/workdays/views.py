"""The county administrator's page of holidays and 调休 days: one year, edited in place."""

import datetime as dt
from collections.abc import Mapping

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import require_capability
from minzheng.core.clock import today
from minzheng.core.exceptions import ApplicationError, NotFound, PermissionDenied
from minzheng.core.exceptions import Message as ErrorMessage
from minzheng.core.htmx import is_htmx, page_or_fragment
from minzheng.workdays.enums import DayKind
from minzheng.workdays.models import NAME_MAX_LENGTH
from minzheng.workdays.selectors import calendar_year
from minzheng.workdays.services import calendar_day_remove, calendar_day_set

TEMPLATE = "workdays/calendar/year.html"
FIELDS = ("date", "kind", "name")
# Years outside this range are typing errors, not calendars anyone maintains.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year_checked(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year


def _day_parsed(raw: str, *, year: int) -> dt.date:
    try:
        day = dt.date.fromisoformat(raw.strip())
    except ValueError:
        message = _("请填写有效的日期。")
        raise ApplicationError(message, fields={"date": message}) from None
    if day.year != year:
        message = _("日期须在 %(year)d 年内。") % {"year": year}
        raise ApplicationError(message, fields={"date": message})
    return day


def _calendar_render(
    request: HttpRequest,
    *,
    year: int,
    values: Mapping[str, str] | None = None,
    error: ErrorMessage = "",
    errors: Mapping[str, ErrorMessage] | None = None,
    notice: str = "",
) -> HttpResponse:
    """The page, or for htmx its ``calendar`` fragment, read fresh after any write."""
    fragment = is_htmx(request)
    # htmx 2 does not swap 4xx answers, so a refusal it should show comes back as 200.
    status = 400 if error and not fragment else 200
    return render(
        request,
        page_or_fragment(request, TEMPLATE, "calendar"),
        {
            "year": year,
            "calendar": calendar_year(year=year),
            "kinds": DayKind.choices,
            "values": values or {"kind": DayKind.HOLIDAY},
            "name_max_length": NAME_MAX_LENGTH,
            "error": error,
            "errors": errors or {},
            "notice": notice,
        },
        status=status,
    )


@require_GET
@staff_page
def calendar_current_year_view(request: HttpRequest, actor: User) -> HttpResponse:
    require_capability(actor=actor, capability=Capability.CALENDAR_EDIT)
    return redirect("workdays:calendar_year", year=today().year)


@require_GET
@staff_page
def calendar_year_view(request: HttpRequest, actor: User, year: int) -> HttpResponse:
    require_capability(actor=actor, capability=Capability.CALENDAR_EDIT)
    return _calendar_render(request, year=_year_checked(year))


@require_POST
@staff_page
def calendar_day_set_view(request: HttpRequest, actor: User, year: int) -> HttpResponse:
    """Add a day of the page's year, or change the one recorded on that date."""
    require_capability(actor=actor, capability=Capability.CALENDAR_EDIT)
    year = _year_checked(year)
    values = {field: request.POST.get(field, "") for field in FIELDS}
    try:
        day = _day_parsed(values["date"], year=year)
        calendar_day_set(actor=actor, day=day, kind=values["kind"], name=values["name"])
    except (NotFound, PermissionDenied):
        raise
    except ApplicationError as exc:
        return _calendar_render(
            request, year=year, values=values, error=exc.message, errors=exc.fields
        )
    if not is_htmx(request):
        return redirect("workdays:calendar_year", year=year)
    notice = _("已保存 %(date)s。") % {"date": day.isoformat()}
    return _calendar_render(request, year=year, notice=notice)


@require_POST
@staff_page
def calendar_day_remove_view(
    request: HttpRequest, actor: User, year: int, day: dt.date
) -> HttpResponse:
    """Let a day follow Monday–Friday again."""
    require_capability(actor=actor, capability=Capability.CALENDAR_EDIT)
    year = _year_checked(year)
    calendar_day_remove(actor=actor, day=day)
    if not is_htmx(request):
        return redirect("workdays:calendar_year", year=year)
    notice = _("已删除 %(date)s，该日按周一至周五的常规安排。") % {"date": day.isoformat()}
    return _calendar_render(request, year=year, notice=notice)
