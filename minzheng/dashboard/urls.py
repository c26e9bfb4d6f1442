from django.urls import path

from minzheng.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.dashboard_view, name="index"),
    path("profiles.xlsx", views.dashboard_export_view, name="export"),
    path(
        "warnings.xlsx",
        views.dashboard_loop_export_view,
        {"panel": "warnings"},
        name="warnings_export",
    ),
    path(
        "visits.xlsx", views.dashboard_loop_export_view, {"panel": "visits"}, name="visits_export"
    ),
]
