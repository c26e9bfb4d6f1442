"""Query parameters every paged API list shares: bounded, so no page number reaches a query
it cannot be, and a bad one is refused with a Chinese message naming it (422)."""

from ninja import Schema
from pydantic import Field

# As in the registry search: beyond this nobody pages; it also keeps OFFSET inside a bigint.
MAX_PAGE = 10_000
MAX_LIMIT = 100


class PageQuery(Schema):
    page: int = Field(default=1, ge=1, le=MAX_PAGE)


class PageLimitQuery(PageQuery):
    limit: int = Field(default=20, ge=1, le=MAX_LIMIT)
