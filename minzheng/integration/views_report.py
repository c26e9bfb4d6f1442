"""Pages of the 核对报告: the report of one household, on screen and as an A4 PDF."""

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction
from minzheng.core.pdf import render_pdf
from minzheng.integration.permissions import access_check_report
from minzheng.integration.selectors.report import CheckReport, household_check_report

CHECK_REPORT_TARGET = "check_report"
_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


def _audit(actor: User, report: CheckReport, action: AuditAction) -> None:
    # Who read or exported which household's report; the report's contents stay out of the log.
    audit_record(
        actor=actor,
        action=action,
        target_type=CHECK_REPORT_TARGET,
        target_id=report.household_id,
        division_code=report.division_code,
    )


@require_GET
@never_cache
@staff_page
def check_report_view(request: HttpRequest, actor: User, household_id: str) -> HttpResponse:
    household = access_check_report(actor=actor, household_id=household_id)
    report = household_check_report(household=household)
    _audit(actor, report, AuditAction.VIEW)
    return render(request, "integration/report/page.html", {"report": report})


@require_GET
@never_cache
@staff_page
def check_report_pdf_view(request: HttpRequest, actor: User, household_id: str) -> HttpResponse:
    household = access_check_report(actor=actor, household_id=household_id)
    report = household_check_report(household=household)
    pdf = render_pdf("integration/report/print.html", {"report": report})
    _audit(actor, report, AuditAction.EXPORT)
    number = _UNSAFE_FILENAME.sub("_", report.household_number).strip("._") or "household"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"check-report-{number}.pdf"
    )
    return response
