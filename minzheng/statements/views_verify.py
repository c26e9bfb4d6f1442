"""The public page a printed statement's QR code leads to. No login; masked data only."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from minzheng.statements.selectors import HOTLINE_NUMBER, statement_verification
from minzheng.statements.services.verification import statement_verification_allowed

NOT_FOUND_TEMPLATE = "statements/verify/not_found.html"


@require_GET
@never_cache
def statement_verify_view(request: HttpRequest, token: str) -> HttpResponse:
    if not statement_verification_allowed():
        context = {"rate_limited": True, "hotline": HOTLINE_NUMBER}
        response = render(request, NOT_FOUND_TEMPLATE, context, status=429)
    else:
        verification = statement_verification(token=token)
        if verification is None:
            context = {"hotline": HOTLINE_NUMBER}
            response = render(request, NOT_FOUND_TEMPLATE, context, status=404)
        else:
            context = {"verification": verification}
            response = render(request, "statements/verify/page.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
