"""The reference index and the scoring of candidates.

Every reference address is filed under its exact numbers (组, 号, 幢, 单元, 室) and under the
same numbers with 组, 号 or 单元 left out, since people often omit them; the last number (室
for a flat, 号 otherwise) is never left out. A query looks up its own numbers, so it is only
ever compared with the few addresses that have exactly those numbers, and then the names
decide. A number the query writes must equal the reference's: 128号 never matches 126号.

Score: 1 minus penalties, clipped to [0, 1]:

* a name written with homophones (0.04 a character), one other wrong character in a name of
  four or more (0.15), or only its stem (东湖 for 东湖社区, 0.01);
* a name left out: township 0.02, village or community 0.04, road or natural village 0.05,
  estate 0.05 (the road and door number together are often left out of a flat's address);
* a number left out that the reference has: 组 0.05, 号 0.03, 单元 0.05;
* every character of the query's names that no reference name explains, other than generic
  words like 小区 or 社区: 0.07;
* a number that fits nowhere: 0.2.

A match needs ``score >= THRESHOLD`` and at least one of village, road or estate found; when
two different addresses score within ``MARGIN`` of each other there is no match, since the
query cannot tell them apart.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import product

from minzheng_pipeline.addresses.names import STEM_PENALTY, locate, sound
from minzheng_pipeline.addresses.normalise import normalise
from minzheng_pipeline.addresses.parse import (
    NumberKey,
    ParsedAddress,
    parse,
    reference_names,
    stem,
)

THRESHOLD = 0.8
MARGIN = 0.04
MAX_SCORED = 24  # candidates scored in full after the cheap sound-bigram filter

_MISSING_NAME = {"township": 0.02, "village": 0.04, "road": 0.05, "estate": 0.05}
_MISSING_NUMBER = (0.05, 0.03, 0.0, 0.05, 0.0)  # group, door, building, unit, room
_UNEXPLAINED_CHAR = 0.1
_CONFLICT = 0.2
_GENERIC = re.compile(r"小区|社区|村委会|居委会|街道|新村|花园|[村镇乡路街|]")


@dataclass(frozen=True, slots=True)
class Match:
    """A confident match: the reference's id and a score in [0, 1]."""

    address_id: str
    score: float


@dataclass(frozen=True, slots=True)
class _Name:
    kind: str
    text: str
    sound: str
    stem: str
    stem_sound: str


@dataclass(frozen=True, slots=True)
class _Reference:
    address_id: str
    numbers: NumberKey
    names: tuple[_Name, ...]
    bigrams: frozenset[str]


def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def _keys(numbers: NumberKey) -> Iterator[NumberKey]:
    """The exact numbers and every variant with 组, 号 or 单元 left out."""
    group, door, building, unit, room = numbers
    if room is None and door is None:
        return
    keep_door = room is None  # a house's door number is its last number
    for g, d, u in product({group, None}, {door} if keep_door else {door, None}, {unit, None}):
        yield (g, d, building, u, room)


def _reference(address_id: str, text: str) -> _Reference | None:
    parsed = parse(normalise(text))
    if parsed.conflicts:
        return None
    parts = reference_names(parsed)
    names = []
    for kind in ("estate", "road", "village", "township"):
        name = getattr(parts, kind)
        if name:
            short = stem(name) if kind in {"village", "township"} else ""
            names.append(_Name(kind, name, sound(name), short, sound(short)))
    bigrams = _bigrams("|".join(n.sound for n in names))
    return _Reference(address_id, parsed.numbers, tuple(names), bigrams)


class AddressMatcher:
    """Door-plate matching of free-text addresses against canonical reference addresses."""

    def __init__(self) -> None:
        self._index: dict[NumberKey, list[_Reference]] = {}
        self.skipped: list[str] = []  # reference ids whose text has no usable door plate

    @classmethod
    def from_reference(cls, rows: Iterable[tuple[str, str]]) -> "AddressMatcher":
        """Build from ``(address_id, canonical address)`` pairs."""
        matcher = cls()
        for address_id, text in rows:
            matcher.add(address_id, text)
        return matcher

    def add(self, address_id: str, text: str) -> None:
        reference = _reference(address_id, text)
        if reference is None or not reference.names:
            self.skipped.append(address_id)
            return
        for key in set(_keys(reference.numbers)):
            self._index.setdefault(key, []).append(reference)

    def match(self, text: str) -> Match | None:
        """The reference address ``text`` means, or None when no match is confident."""
        parsed = parse(normalise(text))
        candidates = self._index.get(parsed.numbers)
        if not candidates:
            return None
        query = "|".join(parsed.segments)
        query_sound = sound(query)
        if len(candidates) > MAX_SCORED:
            wanted = _bigrams(query_sound)
            ranked = sorted(candidates, key=lambda r: len(r.bigrams & wanted), reverse=True)
            candidates = ranked[:MAX_SCORED]
        best: _Reference | None = None
        best_score = second_score = -1.0
        for reference in candidates:
            score = _score(reference, parsed, query, query_sound)
            if score > best_score:
                if best is None or reference.address_id != best.address_id:
                    second_score = best_score
                best, best_score = reference, score
            elif score > second_score:
                second_score = score
        if best is None or best_score < THRESHOLD or best_score - second_score < MARGIN:
            return None
        return Match(best.address_id, round(best_score, 6))

    def match_many(self, texts: Iterable[str]) -> Iterator[Match | None]:
        """``match`` for each text, in order."""
        for text in texts:
            yield self.match(text)


def _score(reference: _Reference, parsed: ParsedAddress, query: str, query_sound: str) -> float:
    """See the module docstring; -1 when no distinguishing name is found."""
    covered = bytearray(len(query))
    penalty = _CONFLICT * parsed.conflicts
    distinguishing = False
    unfound: list[_Name] = []
    # Exact and homophone spellings first, so a fuzzy match cannot take another name's text.
    for fuzzy in (False, True):
        for name in unfound if fuzzy else reference.names:
            start, cost, length = _locate(name, query, query_sound, covered, fuzzy=fuzzy)
            if start < 0:
                if fuzzy:
                    penalty += _MISSING_NAME[name.kind]
                else:
                    unfound.append(name)
                continue
            covered[start : start + length] = b"\x01" * length
            penalty += cost
            distinguishing = distinguishing or name.kind != "township"
    if not distinguishing:
        return -1.0
    for missing, wanted, cost in zip(
        parsed.numbers, reference.numbers, _MISSING_NUMBER, strict=True
    ):
        if missing is None and wanted is not None:
            penalty += cost
    leftover = "".join(c for c, used in zip(query, covered, strict=True) if not used)
    if leftover:
        penalty += _UNEXPLAINED_CHAR * len(_GENERIC.sub("", leftover))
    return max(0.0, 1.0 - penalty)


def _locate(
    name: _Name, query: str, query_sound: str, covered: bytearray, *, fuzzy: bool
) -> tuple[int, float, int]:
    """(start, cost, length) of the name or, if cheaper, its stem; start -1 if neither."""
    start, cost = locate(name.text, name.sound, query, query_sound, covered, fuzzy=fuzzy)
    length = len(name.text)
    if name.stem and (start < 0 or cost > 0):
        found = locate(name.stem, name.stem_sound, query, query_sound, covered, fuzzy=fuzzy)
        if found[0] >= 0 and (start < 0 or found[1] + STEM_PENALTY < cost):
            start, cost, length = found[0], found[1] + STEM_PENALTY, len(name.stem)
    return start, cost, length
