"""Who is calling the API: a staff user by session cookie or bearer token."""

from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from minzheng.accounts.models import User
from minzheng.accounts.services.tokens import api_token_authenticate
from minzheng.core.exceptions import PermissionDenied


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


def api_actor(request: HttpRequest) -> User:
    """The authenticated staff user; the API's authenticators admit nobody else."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user
