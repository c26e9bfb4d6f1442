"""The one API at /api/v1/: authentication, the single error shape, and each app's router."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import APIKeyCookie, HttpBearer

from minzheng.accounts.api import router as accounts_router
from minzheng.accounts.models import User
from minzheng.accounts.services.tokens import api_token_authenticate
from minzheng.core.api import router as core_router
from minzheng.core.api_errors import error_body, validation_fields
from minzheng.core.enums import ErrorCode
from minzheng.core.exceptions import ApplicationError
from minzheng.registry.api import router as registry_router


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class StaffSession(APIKeyCookie):
    """The browser session of a logged-in staff member; ninja enforces CSRF on writes."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = request.user
        return user if isinstance(user, User) and user.is_authenticated else None


api = NinjaAPI(
    title="minzheng 民政 API",
    version="1",
    description="县(市)民政局业务平台接口。所有个人数据按调用者管辖区划限定范围。",
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


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    body = {"detail": "请先登录或提供有效的接口令牌。", "code": ErrorCode.UNAUTHENTICATED,
            "fields": {}}
    return api.create_response(request, body, status=401)


api.add_router("/accounts", accounts_router)
api.add_router("/registry", registry_router)
api.add_router("/audit", core_router)
