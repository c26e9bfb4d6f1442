"""The site's URLconf plus one page that fails, to see what a user sees of a server error."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def failing_view(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("internal detail a user must not see")


urlpatterns = [path("failing/", failing_view), *site_urlpatterns]
