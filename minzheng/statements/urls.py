"""幸福清单 pages under /statements/: staff pages and the public verification page."""

from django.urls import path

from minzheng.statements import views_staff, views_verify

app_name = "statements"
urlpatterns = [
    path(
        "households/<uuid:household_id>/",
        views_staff.statement_view,
        name="household_statement",
    ),
    path(
        "households/<uuid:household_id>/statement.pdf",
        views_staff.statement_pdf_view,
        name="statement_pdf",
    ),
    path("verify/<str:token>/", views_verify.statement_verify_view, name="verify"),
]
