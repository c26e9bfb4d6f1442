"""Reading what a search box holds: an ID number, a phone, pinyin initials, a name, an address."""

import re
import unicodedata

from minzheng_pipeline.identifiers import normalise
from minzheng_pipeline.text import to_simplified

from minzheng.registry.enums import SearchField

_ID_LIKE = re.compile(r"^\d{15}$|^\d{17}[\dX]$")
_PHONE_LIKE = re.compile(r"^(1\d{10}|0\d{9,11})$")
_INITIALS = re.compile(r"^[a-z]{1,16}$")
_ADDRESS_MARKS = (
    "路",
    "街",
    "号",
    "幢",
    "栋",
    "单元",
    "室",
    "小区",
    "村",
    "社区",
    "组",
    "弄",
    "苑",
)


def classify_query(query: str) -> SearchField:
    """Guess which field a query addresses, for the default 'auto' search."""
    compact = normalise(query)
    if _ID_LIKE.match(compact):
        return SearchField.ID_NUMBER
    if _PHONE_LIKE.match(compact.replace("-", "")):
        return SearchField.PHONE
    if _INITIALS.match(query.strip().lower()):
        return SearchField.INITIALS
    if any(mark in query for mark in _ADDRESS_MARKS) or len(query.strip()) > 4:
        return SearchField.ADDRESS
    return SearchField.NAME


# Marks that close an address and that the canonical text may or may not carry: "2幢402室" and
# "2幢402" are the same flat.
_CLOSING_MARKS = ("室", "号")


def name_query(query: str) -> str:
    """A name as stored: simplified (張偉 → 张伟), full-width letters folded (NFKC)."""
    return to_simplified(unicodedata.normalize("NFKC", query).strip())


def address_query(query: str) -> str:
    """An address as the canonical text writes it, for a contains-search.

    Full-width digits folded (２幢 → 2幢), simplified characters, no spaces, and a closing
    室 or 号 dropped, because the canonical text may end without it.
    """
    text = re.sub(r"\s+", "", name_query(query))
    while text.endswith(_CLOSING_MARKS) and len(text) > 1:
        text = text[:-1]
    return text
