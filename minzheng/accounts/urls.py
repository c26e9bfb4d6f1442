from django.urls import path

from minzheng.accounts import views, views_workbench

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
]
workbench_urlpatterns = [
    path("", views_workbench.home, name="home"),
    path("audit/", views_workbench.audit_list, name="audit_list"),
    path("audit/export.xlsx", views_workbench.audit_export, name="audit_export"),
]
