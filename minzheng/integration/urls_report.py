from django.urls import URLPattern, path

from minzheng.integration import views_report

urlpatterns: list[URLPattern] = [
    path(
        "households/<uuid:household_id>/report/",
        views_report.check_report_view,
        name="check_report",
    ),
    path(
        "households/<uuid:household_id>/report.pdf",
        views_report.check_report_pdf_view,
        name="check_report_pdf",
    ),
]
