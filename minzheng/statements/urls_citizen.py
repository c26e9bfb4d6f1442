"""Citizen self-service under /my/: no staff login, no household id in any URL."""

from django.urls import path

from minzheng.statements import views_citizen

app_name = "citizen"
urlpatterns = [
    path("", views_citizen.home_view, name="home"),
    path("sign-in/", views_citizen.sign_in_view, name="sign_in"),
    path("code/", views_citizen.code_view, name="code"),
    path("statement.pdf", views_citizen.statement_pdf_view, name="statement_pdf"),
    path("sign-out/", views_citizen.sign_out_view, name="sign_out"),
]
