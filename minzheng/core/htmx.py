"""Helpers for pages that serve a whole page or, to an HTMX request, one fragment of it."""

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """True for requests sent by htmx (django-htmx sets ``request.htmx`` from the headers)."""
    return bool(getattr(request, "htmx", False))


def page_or_fragment(request: HttpRequest, template: str, fragment: str) -> str:
    """The template name to render: the page, or ``page#fragment`` for an htmx swap."""
    return f"{template}#{fragment}" if is_htmx(request) else template
