"""The one API at /api/v1/: authentication, the single error shape, and each app's router."""

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from minzheng.accounts.api import audit_router
from minzheng.accounts.api import router as accounts_router
from minzheng.accounts.api_auth import BearerToken, StaffSession
from minzheng.cases.api import router as cases_router
from minzheng.core.api_errors import (
    error_body,
    http_error_body,
    server_error_body,
    validation_fields,
)
from minzheng.core.enums import ErrorCode
from minzheng.core.exceptions import ApplicationError
from minzheng.integration.api_feeds import router as integration_feeds_router
from minzheng.integration.api_reviews import router as integration_reviews_router
from minzheng.monitoring.api import router as monitoring_router
from minzheng.payments.api import router as payments_router
from minzheng.profiling.api import router as profiling_router
from minzheng.registry.api import router as registry_router
from minzheng.visits.api import router as visits_router

# Django's own logger for failed requests, so API failures land where page failures do.
_request_logger = logging.getLogger("django.request")

api = NinjaAPI(
    title="minzheng 民政 API",
    version="1",
    description=(
        "县(市)民政局业务平台接口。所有个人数据按调用者管辖区划限定范围，证件号与账号脱敏。"
        "接口令牌只能调用其权限范围(x-token-scope)内的接口。"
    ),
    auth=[BearerToken(), StaffSession(csrf=True)],
    urls_namespace="api",
)


@api.exception_handler(ApplicationError)
def on_application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return api.create_response(request, error_body(exc), status=exc.status)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    body: dict[str, Any] = {
        "detail": "请求内容有误，未保存。",
        "code": ErrorCode.VALIDATION,
        "fields": validation_fields(exc.errors),
    }
    return api.create_response(request, body, status=422)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Unparseable bodies, failed CSRF checks, missing credentials: the same error shape."""
    return api.create_response(request, http_error_body(exc.status_code), status=exc.status_code)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, http_error_body(404), status=404)


@api.exception_handler(Exception)
def on_unexpected_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Anything else is our fault: the traceback goes to the log, never to the caller.

    Replaces django-ninja's default, which under DEBUG answers with the traceback as text.
    """
    _request_logger.error(
        "Internal Server Error: %s", request.path, exc_info=exc, extra={"status_code": 500}
    )
    return api.create_response(request, server_error_body(), status=500)


api.add_router("/accounts", accounts_router)
api.add_router("/registry", registry_router)
api.add_router("/integration", integration_reviews_router)
api.add_router("/integration", integration_feeds_router)
api.add_router("/cases", cases_router)
api.add_router("/payments", payments_router)
api.add_router("/profiling", profiling_router)
api.add_router("/monitoring", monitoring_router)
api.add_router("/visits", visits_router)
api.add_router("/audit", audit_router)
