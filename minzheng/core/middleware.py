from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.cache import patch_vary_headers

from minzheng.core.edge import nul_field, nul_refusal, unreadable_body_refusal
from minzheng.core.request_context import reset_client_ip, set_client_ip


class RequestContextMiddleware:
    """Makes the client address available to ``audit_record`` for the request's duration."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # REMOTE_ADDR only: a proxy in front must set it (e.g. gunicorn --forwarded-allow-ips).
        token = set_client_ip(request.META.get("REMOTE_ADDR") or None)
        try:
            return self.get_response(request)
        finally:
            reset_client_ip(token)


class InterfaceLanguageMiddleware:
    """Chinese unless the user chose English with the language switch.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show English
    to a township worker whose office PC runs an English system. Here only the explicit choice
    (the ``django_language`` cookie set by the switch) changes the language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class RequestEdgeMiddleware:
    """Refuses NUL characters and unparseable bodies before any view runs (ADR 0023).

    It sits after the language, session and authentication middleware so the refusal page is
    in the user's language and layout, and runs before any view or CSRF check reads the body.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            field = nul_field(request)
        except MultiPartParserError:
            return unreadable_body_refusal(request)
        if field is not None:
            return nul_refusal(request, field)
        return self.get_response(request)
