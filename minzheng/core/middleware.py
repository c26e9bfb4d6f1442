from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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
