from django.urls import path

from minzheng.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.dashboard_view, name="index"),
    path("profiles.xlsx", views.dashboard_export_view, name="export"),
]
