"""Split a normalised address into its numbered parts and its names.

The numbered parts (组, 号, 幢, 单元, 室) must later match exactly; the names (township,
village or community, road or natural village, estate) may match fuzzily.
"""

import re
from dataclasses import dataclass

_MARKER_FIELD = {"组": "group", "号": "door", "幢": "building", "单元": "unit", "室": "room"}
_TOKEN = re.compile(r"(\d+(?:-\d+){1,2})室?|(\d+)(组|号|幢|单元|室)?")
_HEAD = re.compile(r"^(.+?(?:街道|镇|乡))?(.+?(?:社区|村委会|居委会|村))?(.*)$")
_ADMIN_SUFFIX = re.compile(r"(?:街道|镇|乡|社区|村委会|居委会|村)$")

NumberKey = tuple[str | None, str | None, str | None, str | None, str | None]


@dataclass(frozen=True, slots=True)
class ParsedAddress:
    """Numbers as canonical decimal strings (no leading zeros), names in order of appearance.

    ``head`` is the text before the first number; ``after_group`` follows the 组 and
    ``after_door`` follows the 号. ``conflicts`` counts numbers that fitted nowhere.
    """

    numbers: NumberKey
    segments: tuple[str, ...]
    head: str
    after_group: str
    after_door: str
    conflicts: int


@dataclass(frozen=True, slots=True)
class Names:
    """The named parts of a canonical reference address."""

    township: str
    village: str
    road: str
    estate: str


def _bare_field(found: dict[str, str]) -> str | None:
    """Where a number with no marker goes: 3幢301 is a room, 沈家浜12 a door number."""
    if ("building" in found or "unit" in found) and "room" not in found:
        return "room"
    if "door" not in found and "building" not in found:
        return "door"
    return None


def _put(found: dict[str, str], field: str | None, value: str) -> int:
    if field is None or (field in found and found[field] != value):
        return 1
    found[field] = value
    return 0


def parse(text: str) -> ParsedAddress:
    """Parse a string already passed through ``normalise``."""
    found: dict[str, str] = {}
    segments: list[str] = []
    after: dict[str, str] = {}
    conflicts = 0
    position = 0
    last_field = ""
    for token in _TOKEN.finditer(text):
        segment = text[position : token.start()]
        if segment:
            segments.append(segment)
            after.setdefault(last_field, segment)
        position = token.end()
        if token.group(1):
            parts = [str(int(p)) for p in token.group(1).split("-")]
            if len(parts) == 3:
                fields = ["building", "unit", "room"]
            elif "building" in found:
                fields = ["unit", "room"]
            else:
                fields = ["building", "room"]
            for name, number in zip(fields, parts, strict=True):
                conflicts += _put(found, name, number)
            last_field = "room"
            continue
        value = str(int(token.group(2)))
        marker = token.group(3)
        field: str | None = _MARKER_FIELD[marker] if marker else _bare_field(found)
        conflicts += _put(found, field, value)
        last_field = field or ""
    tail = text[position:]
    if tail:
        segments.append(tail)
        after.setdefault(last_field, tail)
    numbers: NumberKey = (
        found.get("group"),
        found.get("door"),
        found.get("building"),
        found.get("unit"),
        found.get("room"),
    )
    return ParsedAddress(
        numbers=numbers,
        segments=tuple(segments),
        head=after.get("", ""),
        after_group=after.get("group", ""),
        after_door=after.get("door", ""),
        conflicts=conflicts,
    )


def reference_names(parsed: ParsedAddress) -> Names:
    """Township, village, road and estate of a canonical address (see ``address_compose``)."""
    head = _HEAD.match(parsed.head)
    township, village, rest = head.groups("") if head else ("", "", parsed.head)
    return Names(
        township=township,
        village=village,
        road=rest + parsed.after_group,
        estate=parsed.after_door,
    )


def stem(name: str) -> str:
    """当湖街道 → 当湖, 东湖社区 → 东湖; names of two characters or less stay whole."""
    short = _ADMIN_SUFFIX.sub("", name)
    return short if len(short) >= 2 and short != name else ""
