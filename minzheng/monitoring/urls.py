"""Staff pages of 预警监测, under /monitoring/."""

from django.urls import path

from minzheng.monitoring import rule_views, views, views_household

app_name = "monitoring"
urlpatterns = [
    path("", views.warning_list_view, name="warning_list"),
    path("discovery/", views.discovery_view, name="discovery"),
    path("rules/", rule_views.rules_view, name="rules"),
    path(
        "households/<uuid:household_id>/",
        views_household.household_warnings_view,
        name="household_warnings",
    ),
    path("<uuid:warning_id>/", views.warning_detail_view, name="warning_detail"),
    path("<uuid:warning_id>/close/", views.warning_close_view, name="warning_close"),
]
