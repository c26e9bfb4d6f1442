"""Turning service refusals into HTTP answers for server-rendered pages."""

from collections.abc import Callable
from functools import wraps
from typing import Concatenate

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from minzheng.accounts.models import User
from minzheng.core.exceptions import NotFound, PermissionDenied

View = Callable[Concatenate[HttpRequest, User, ...], HttpResponse]


def staff_page(view: View) -> Callable[..., HttpResponse]:
    """Require a logged-in staff user, pass it as ``actor``, map refusals to 404 and 403."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        actor = request.user
        if not isinstance(actor, User):
            raise DjangoPermissionDenied
        try:
            return view(request, actor, *args, **kwargs)
        except NotFound:
            raise Http404 from None
        except PermissionDenied:
            raise DjangoPermissionDenied from None

    return wrapper
