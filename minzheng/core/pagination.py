"""Reading the page number of a paged list from a request, on the pages and in the API."""

from typing import Annotated

from django.http import HttpRequest
from pydantic import Field

# No list is paged this deep; a larger number (even one past a 64-bit integer) must not reach
# the database's OFFSET, where PostgreSQL refuses it with an error instead of an empty page.
MAX_PAGE = 10_000

# The API's ``page`` parameter: out of range is a 422 naming the field.
PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE)]


def page_number(request: HttpRequest) -> int:
    """The ``page`` query parameter as an integer from 1 to MAX_PAGE; anything else is page 1."""
    raw = request.GET.get("page", "")
    return min(max(int(raw), 1), MAX_PAGE) if raw.isdigit() else 1
