"""Pages of the working-day calendar, for the county administrator."""

import datetime as dt

from django.urls import URLPattern, path, register_converter

from minzheng.workdays import views


class IsoDateConverter:
    """A ``YYYY-MM-DD`` path segment as a date; an impossible date such as 02-30 is a 404."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> dt.date:
        return dt.date.fromisoformat(value)  # ValueError makes the pattern not match

    def to_url(self, value: dt.date) -> str:
        return value.isoformat()


register_converter(IsoDateConverter, "workdays_date")

app_name = "workdays"
urlpatterns: list[URLPattern] = [
    path("", views.calendar_current_year_view, name="calendar_current_year"),
    path("<int:year>/", views.calendar_year_view, name="calendar_year"),
    path("<int:year>/days/", views.calendar_day_set_view, name="calendar_day_set"),
    path(
        "<int:year>/days/<workdays_date:day>/remove/",
        views.calendar_day_remove_view,
        name="calendar_day_remove",
    ),
]
