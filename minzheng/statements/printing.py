"""The printed 幸福清单: the A4 PDF with a QR code that leads to its verification page."""

import re

import segno
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header

from minzheng.core.pdf import render_pdf
from minzheng.statements.contracts import Statement
from minzheng.statements.models import StatementDocument

PRINT_TEMPLATE = "statements/statement/print.html"
_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


def qr_data_uri(url: str) -> str:
    """A QR code of ``url`` as an inline SVG: WeasyPrint fetches nothing but data: URLs here."""
    return str(segno.make(url, error="m").svg_data_uri(scale=1, border=2, omitsize=True))


def statement_print_context(
    *, statement: Statement, document: StatementDocument, verify_url: str
) -> dict[str, object]:
    return {
        "statement": statement,
        "document": document,
        "verify_url": verify_url,
        "qr_data_uri": qr_data_uri(verify_url),
    }


def statement_pdf(*, statement: Statement, document: StatementDocument, verify_url: str) -> bytes:
    """The statement as an A4 PDF; ``verify_url`` is the absolute URL of its verification."""
    return render_pdf(
        PRINT_TEMPLATE,
        statement_print_context(statement=statement, document=document, verify_url=verify_url),
    )


def statement_pdf_response(
    request: HttpRequest, *, statement: Statement, document: StatementDocument
) -> HttpResponse:
    """The PDF as a download; the QR code leads to this server's verification page."""
    verify_url = request.build_absolute_uri(reverse("statements:verify", args=[document.token]))
    pdf = statement_pdf(statement=statement, document=document, verify_url=verify_url)
    number = _UNSAFE_FILENAME.sub("_", statement.household_number).strip("._") or "household"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"statement-{number}.pdf"
    )
    return response
