"""The 决定通知书 as an A4 PDF for staff to print or send (every download is audited), and the
county admin's page for the bodies the notices name."""

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.models import User
from minzheng.cases.permissions import access_application
from minzheng.cases.remedies import APPEAL_DAYS, LITIGATION_MONTHS, REMEDY_SETTINGS
from minzheng.cases.selectors.decision import decision_notice
from minzheng.cases.services.records import decision_notice_export_record
from minzheng.core.dated_settings_views import SettingsPage, dated_settings_page
from minzheng.core.pdf import render_pdf


@require_GET
@never_cache
@staff_page
def decision_pdf_view(request: HttpRequest, actor: User, application_id: uuid.UUID) -> HttpResponse:
    application = access_application(actor=actor, application_id=application_id)
    notice = decision_notice(application=application)
    if notice is None:
        raise Http404
    pdf = render_pdf("cases/decision/print.html", {"notice": notice})
    decision_notice_export_record(actor=actor, application=application)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"decision-{application.decision_number}.pdf"
    )
    return response


@require_http_methods(["GET", "POST"])
@staff_page
def remedies_view(request: HttpRequest, actor: User) -> HttpResponse:
    """The bodies the notices name for 行政复议 and 行政诉讼; the county admin adds dated values."""
    page = SettingsPage(
        title=_("救济途径"),
        intro=_(
            "不予批准或核减救助的决定通知书告知申请人：可自收到通知书之日起 %(days)s 日内申请"
            "行政复议，或 %(months)s 个月内提起行政诉讼，并写明受理的机关。机关名称按行政区划、"
            "按生效日期取值；平湖市的内置取值为推定，须由县级管理员核实本地行政复议机关和"
            "行政案件管辖法院后录入确认。"
        )
        % {"days": APPEAL_DAYS, "months": LITIGATION_MONTHS},
        spec=REMEDY_SETTINGS,
        url_name="cases:remedies",
    )
    return dated_settings_page(request, actor, page)
