"""The 核对 request file for the banks, downloaded from the feed import page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.models import User
from minzheng.cases.services.bank_query import bank_query_export
from minzheng.core.exceptions import ApplicationError


@require_POST
@staff_page
def bank_query_download_view(request: HttpRequest, actor: User) -> HttpResponse:
    """A POST (it numbers a batch and is audited) answered with the CSV file."""
    try:
        query = bank_query_export(actor=actor)
    except ApplicationError as error:
        return render(
            request,
            "cases/bank_query/refused.html",
            {"error": error.message},
            status=error.status,
        )
    response = HttpResponse(query.data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"bank-query-{query.batch}.csv"
    )
    response["Cache-Control"] = "no-store"
    return response
