"""Who is calling the API: a staff user by session cookie or by bearer token with its scopes."""

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.constants import NOT_SET
from ninja.security import APIKeyCookie, HttpBearer

from minzheng.accounts.enums import ApiScope
from minzheng.accounts.models import User
from minzheng.accounts.services.tokens import api_token_authenticate
from minzheng.core.enums import ErrorCode
from minzheng.core.exceptions import ApplicationError, PermissionDenied

# Where an operation's scope is written in the OpenAPI document (and read back by the tests).
SCOPE_KEY = "x-token-scope"


class ScopeMissing(ApplicationError):
    status = 403

    def __init__(self, scope: ApiScope) -> None:
        super().__init__(
            _("接口令牌缺少权限范围 %(scope)s(%(label)s)，请由管理员签发含此范围的令牌。")
            % {"scope": scope.value, "label": scope.label},
            code=ErrorCode.SCOPE_MISSING,
        )


class BearerToken(HttpBearer):
    """A token of ``issue_token``; with ``scope``, only a token holding that scope passes."""

    def __init__(self, scope: ApiScope | None = None) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        holder = api_token_authenticate(token)
        if holder is None:
            return None
        # Refused before the body is read or any service runs: nothing can be written.
        if self.scope is not None and self.scope not in holder.scopes:
            raise ScopeMissing(self.scope)
        request.user = holder.user
        return holder.user


class StaffSession(APIKeyCookie):
    """The browser session of a logged-in staff member; ninja enforces CSRF on writes.

    A session is the person at the pages, so it has every scope; what it may do is what the
    pages let the same person do.
    """

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = request.user
        return user if isinstance(user, User) and user.is_authenticated else None


class ScopedRouter(Router):
    """A router whose GET operations need the ``read`` scope and all others the ``write`` one.

    An operation may name another scope with ``openapi_extra={SCOPE_KEY: scope}``; the scope
    is written into the OpenAPI document either way, so no operation is left without one.
    """

    def __init__(self, *, read: ApiScope, write: ApiScope | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.read_scope, self.write_scope = read, write

    def add_api_operation(
        self, path: str, methods: list[str], view_func: Any, **kwargs: Any
    ) -> None:
        extra = dict(kwargs.pop("openapi_extra", None) or {})
        scope = extra.get(SCOPE_KEY) or (
            self.read_scope if set(methods) <= {"GET"} else self.write_scope
        )
        if scope is None:
            raise ImproperlyConfigured(f"{path}: a write needs the router's write scope")
        scope = ApiScope(scope)
        extra[SCOPE_KEY] = scope.value
        if kwargs.get("auth", NOT_SET) is NOT_SET:
            kwargs["auth"] = [BearerToken(scope), StaffSession(csrf=True)]
        super().add_api_operation(path, methods, view_func, openapi_extra=extra, **kwargs)


def api_actor(request: HttpRequest) -> User:
    """The authenticated staff user; the API's authenticators admit nobody else."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user
