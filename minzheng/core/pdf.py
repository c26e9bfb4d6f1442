"""Printing a template to PDF with WeasyPrint, for every app that hands out documents.

Print templates extend ``core/print/base.html``: A4, Noto CJK fonts from the system (never
downloaded), page numbers in the footer. WeasyPrint subsets the fonts with HarfBuzz, so a
document embeds only the glyphs it uses and renders in a fraction of a second.
"""

import logging
import ssl
import time
from collections.abc import Mapping
from typing import Any

from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# Print templates carry their styles inline and use system fonts. Refusing every scheme but
# data: keeps a template (or a value rendered into it) from making the server fetch a URL or
# read a local file.
_ALLOWED_PROTOCOLS = ("data",)
# HTTPS is refused anyway; a bare context spares the fetcher loading the CA store (~30 ms) on
# every render.
_UNUSED_TLS = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def render_document(template_name: str, context: Mapping[str, object]) -> Any:
    """The laid-out ``weasyprint.Document``: its pages, for tests and page counts."""
    # Imported on first use: WeasyPrint (with fontTools) takes seconds to import, which every
    # process loading the URLconf would otherwise pay, most of them never printing anything.
    from weasyprint import HTML, URLFetcher

    html = render_to_string(template_name, dict(context))
    fetcher = URLFetcher(allowed_protocols=_ALLOWED_PROTOCOLS, ssl_context=_UNUSED_TLS)
    return HTML(string=html, url_fetcher=fetcher).render()


def render_pdf(template_name: str, context: Mapping[str, object]) -> bytes:
    """The template rendered with ``context`` as PDF bytes."""
    started = time.perf_counter()
    document = render_document(template_name, context)
    pdf = bytes(document.write_pdf())
    logger.info(
        "core.pdf.rendered",
        extra={
            "template": template_name,
            "pages": len(document.pages),
            "bytes": len(pdf),
            "ms": round((time.perf_counter() - started) * 1000),
        },
    )
    return pdf
