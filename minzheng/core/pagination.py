"""Reading the page number of a paged list from a request."""

from django.http import HttpRequest


def page_number(request: HttpRequest) -> int:
    """The ``page`` query parameter as a positive integer; anything else means page 1."""
    raw = request.GET.get("page", "")
    return max(int(raw), 1) if raw.isdigit() else 1
