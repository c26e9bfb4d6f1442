"""The 决定通知书 as an A4 PDF for staff to print or send; every download is audited."""

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.models import User
from minzheng.cases.permissions import access_application
from minzheng.cases.selectors.decision import APPEAL_DAYS, LITIGATION_MONTHS, decision_notice
from minzheng.cases.services.records import decision_notice_export_record
from minzheng.core.pdf import render_pdf


@require_GET
@never_cache
@staff_page
def decision_pdf_view(request: HttpRequest, actor: User, application_id: uuid.UUID) -> HttpResponse:
    application = access_application(actor=actor, application_id=application_id)
    notice = decision_notice(application=application)
    if notice is None:
        raise Http404
    pdf = render_pdf(
        "cases/decision/print.html",
        {"notice": notice, "appeal_days": APPEAL_DAYS, "litigation_months": LITIGATION_MONTHS},
    )
    decision_notice_export_record(actor=actor, application=application)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"decision-{application.decision_number}.pdf"
    )
    return response
