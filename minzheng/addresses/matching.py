"""The matcher index over every standard address, kept per process, and what it answers.

Building an ``AddressMatcher`` over a county's 250,000 standard addresses takes about 30 s and
1 GB, far longer than answering a feed of strings already seen, so the index is built once per
process and reused while the address table is unchanged. The table's row count, latest
``updated_at`` and largest id are its version: adding, deleting or saving an address changes
one of them. (A raw ``QuerySet.update`` changes none; address texts are composed by
``address_compose`` and saved through the model, so nothing updates them that way.)
"""

import heapq
import logging
import threading
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from django.db.models import CharField, Count, Max
from django.db.models.functions import Cast
from minzheng_pipeline.addresses import AddressMatcher, normalise

# The matcher answers only "this one, confidently" or "none"; the worklist needs its scores for
# a few chosen addresses, including ones with a differing number. ``minzheng_pipeline`` has no
# public call for that yet, so its internal scorer is used here, and only here (ADR 0007).
from minzheng_pipeline.addresses.index import MAX_SCORED, _Reference, _reference, _score
from minzheng_pipeline.addresses.names import sound
from minzheng_pipeline.addresses.parse import ParsedAddress, parse, stem

from minzheng.addresses.models import StandardAddress
from minzheng.divisions.codes import code_range
from minzheng.divisions.enums import DivisionLevel
from minzheng.divisions.selectors import division_rows_within

logger = logging.getLogger(__name__)

IndexVersion = tuple[int, datetime | None, str | None]


class TownshipLocator:
    """Which 镇街 a free-text address names, from the place names it contains.

    Full township and village names (当湖街道, 东湖社区) come first. Only when the text has
    none, their stems (当湖, 东湖) and the roads, natural villages and estates of the standard
    addresses (东湖苑, 沈家浜) are looked for; those count only if they belong to one township.
    The leftmost name wins, as Chinese addresses run from the larger place to the smaller, then
    the longest (海景花园 over the stem 花园). Names are compared by sound (see
    ``minzheng_pipeline.addresses.names``), so homophone typos still locate, and looked up by
    every substring of the text, so the cost does not grow with the number of names.
    """

    def __init__(
        self,
        townships: Iterable[tuple[int, str]],
        villages: Iterable[tuple[int, str]],
        places: Iterable[tuple[int, str]] = (),
    ) -> None:
        """Each argument holds (township code, name) pairs; a township names itself."""
        full: dict[str, set[int]] = {}
        stems: dict[str, set[int]] = {}
        for township, name in [*townships, *villages]:
            full.setdefault(sound(name), set()).add(township)
            short = stem(name)
            if short:
                stems.setdefault(sound(short), set()).add(township)
        for township, name in places:
            if len(name) >= _SHORTEST:
                stems.setdefault(sound(name), set()).add(township)
        self._names: dict[str, tuple[int, int]] = {}  # sound → (tier, township)
        for tier, names in enumerate((full, stems)):
            for name, codes in names.items():
                if len(codes) == 1 and len(name) >= _SHORTEST:
                    self._names.setdefault(name, (tier, next(iter(codes))))
        self._longest = max(map(len, self._names), default=0)

    def locate(self, text: str) -> int | None:
        """The township code the text names, or None when it names none."""
        spoken = sound(normalise(text))
        names = self._names
        best: tuple[int, int, int, int] | None = None  # (tier, position, -length, township)
        for start in range(len(spoken) - _SHORTEST + 1):
            for length in range(min(self._longest, len(spoken) - start), _SHORTEST - 1, -1):
                hit = names.get(spoken[start : start + length])
                if hit is not None:
                    found = (hit[0], start, -length, hit[1])
                    if best is None or found < best:
                        best = found
        return None if best is None else best[3]


_SHORTEST = 2  # one character names nothing reliably


@dataclass(frozen=True)
class AddressIndex:
    """Everything needed to resolve strings without a query per string."""

    version: IndexVersion
    matcher: AddressMatcher
    exact: dict[str, str]  # normalised canonical text → address id
    township_of: dict[str, int]  # address id → its township's code
    locator: TownshipLocator
    build_seconds: float


_lock = threading.Lock()
_cached: AddressIndex | None = None


def index_version() -> IndexVersion:
    """The address table's version: one aggregate query.

    The largest id (as text) joins count and latest change so that two different tables of
    the same size saved at the same instant (tests under a frozen clock) still differ.
    """
    row = StandardAddress.objects.aggregate(
        count=Count("id"),
        latest=Max("updated_at"),
        largest=Max(Cast("id", output_field=CharField())),
    )
    return row["count"], row["latest"], row["largest"]


def address_index() -> AddressIndex:
    """The process's index, rebuilt first if the address table changed since it was built."""
    global _cached
    version = index_version()
    with _lock:
        if _cached is None or _cached.version != version:
            _cached = None  # let the old index go before the new one takes its memory
            _cached = _build(version)
        return _cached


def address_index_clear() -> None:
    """Forget the index (tests, or after a bulk load that bypassed ``updated_at``)."""
    global _cached
    with _lock:
        _cached = None


def _build(version: IndexVersion) -> AddressIndex:
    started = time.perf_counter()
    matcher = AddressMatcher()
    exact: dict[str, str] = {}
    township_of: dict[str, int] = {}
    places: set[tuple[int, str]] = set()
    rows = StandardAddress.objects.values_list(
        "id", "full_text", "division__parent_id", "road", "estate"
    )
    for address_id, text, township, road, estate in rows.iterator(chunk_size=10_000):
        key = str(address_id)
        matcher.add(key, text)
        exact[normalise(text)] = key
        if township is not None:
            township_of[key] = township
            places.add((township, road))
            places.add((township, estate))
    locator = _locator(set(township_of.values()), places)
    seconds = time.perf_counter() - started
    logger.info(
        "addresses.index.built",
        extra={"addresses": version[0], "skipped": len(matcher.skipped), "seconds": seconds},
    )
    return AddressIndex(version, matcher, exact, township_of, locator, seconds)


def _locator(townships: set[int], places: Iterable[tuple[int, str]]) -> TownshipLocator:
    """A locator over the townships and villages of every county that has standard addresses."""
    counties = {code_range(code, DivisionLevel.COUNTY) for code in townships}
    if not counties:
        return TownshipLocator((), ())
    divisions = division_rows_within(
        ranges=counties, levels=(DivisionLevel.TOWNSHIP, DivisionLevel.VILLAGE)
    )
    township_names: list[tuple[int, str]] = []
    village_names: list[tuple[int, str]] = []
    for code, name, level, parent in divisions:
        if level == DivisionLevel.TOWNSHIP:
            township_names.append((code, name))
        elif parent is not None:
            village_names.append((parent, name))
    return TownshipLocator(township_names, village_names, places)


_NUMBER_MISMATCH = 0.2  # as the matcher's penalty for a number that fits nowhere


def query_numbers(text: str) -> ParsedAddress:
    """The parse of a raw string: its numbers (组, 号, 幢, 单元, 室) and names."""
    return parse(normalise(text))


def candidate_scores(
    text: str, references: Iterable[tuple[uuid.UUID, str]], *, limit: int = 3
) -> list[tuple[uuid.UUID, float]]:
    """The ``limit`` references that best fit ``text``, by the matcher's score, best first.

    Unlike ``AddressMatcher.match`` every reference gets a score: one whose number differs
    from the query's loses 0.2 per number instead of being ruled out, since a clerk may see
    that the source mistyped it. References scoring 0 are left out. As in the matcher, only
    the ``MAX_SCORED`` references sharing most characters with the text are scored in full.
    """
    normalised = normalise(text)
    parsed = parse(normalised)
    query = "|".join(parsed.segments)
    query_sound = sound(query)
    characters = set(normalised)
    shortlist = heapq.nlargest(
        MAX_SCORED, references, key=lambda row: len(characters.intersection(row[1]))
    )
    scored: list[tuple[float, str, uuid.UUID]] = []
    for address_id, full_text in shortlist:
        reference = _parsed_reference(str(address_id), full_text)
        if reference is None or not reference.names:
            continue
        score = max(_score(reference, parsed, query, query_sound), 0.0)
        score -= _NUMBER_MISMATCH * _differing_numbers(parsed.numbers, reference.numbers)
        if score > 0:
            scored.append((round(score, 3), full_text, address_id))
    scored.sort(key=lambda row: (-row[0], row[1]))
    return [(address_id, score) for score, _, address_id in scored[:limit]]


@lru_cache(maxsize=8192)
def _parsed_reference(address_id: str, full_text: str) -> _Reference | None:
    """A reference parsed once for all the rows of a page that share it."""
    return _reference(address_id, full_text)


def _differing_numbers(query: Sequence[str | None], reference: Sequence[str | None]) -> int:
    """Numbers the query writes that the reference has otherwise, or lacks."""
    return sum(1 for q, r in zip(query, reference, strict=True) if q is not None and q != r)
