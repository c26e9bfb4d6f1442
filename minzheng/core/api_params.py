"""Query parameters every paged API list shares: bounded, so no page number reaches a query
it cannot be, and a bad one is refused with a Chinese message naming it (422)."""

from ninja import Schema
from pydantic import Field

from minzheng.core.pagination import PageNumber

MAX_LIMIT = 100


class PageQuery(Schema):
    page: PageNumber = 1


class PageLimitQuery(PageQuery):
    limit: int = Field(default=20, ge=1, le=MAX_LIMIT)
