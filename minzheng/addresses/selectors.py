"""Reads of standard addresses and of the unmatched-address worklist."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _
from minzheng_pipeline.addresses.parse import NumberKey

from minzheng.addresses.enums import source_label
from minzheng.addresses.matching import candidate_scores, query_numbers
from minzheng.addresses.models import AddressAlias, StandardAddress
from minzheng.addresses.permissions import AliasScope
from minzheng.core.exceptions import NotFound
from minzheng.divisions.enums import DivisionLevel
from minzheng.divisions.selectors import division_get, division_names_within

if TYPE_CHECKING:
    from minzheng.divisions.models import Division


def address_ids_containing(
    *, text: str, division_range: tuple[int, int]
) -> QuerySet[StandardAddress, uuid.UUID]:
    """Ids of addresses in the division range whose canonical text contains ``text``.

    Returned as a lazy queryset of ids, not a list: callers use it as a subquery so the
    database reads the addresses once, however many match. This is the one selector that hands
    a queryset to another app, because a list of 100,000 ids would cost more than the search.
    """
    return StandardAddress.objects.filter(
        division__code__range=division_range, full_text__contains=text
    ).values_list("id", flat=True)


# The worklist of unmatched aliases per 镇街. These return this app's own rows to its views.

UNLOCATED = "none"  # the ``township`` parameter for aliases whose 镇街 could not be told
WORKLIST_PAGE_SIZE = 20
CANDIDATE_POOL = 5000  # standard addresses read at most for one page's candidates


@dataclass(frozen=True)
class TownshipSummary:
    """One 镇街's line in the worklist summary; ``code`` None is "未识别镇街"."""

    code: int | None
    name: str
    unmatched: int  # distinct strings
    records: int  # records carrying them
    share_percent: float | None  # of all unmatched records in the scope

    @property
    def parameter(self) -> str:
        return UNLOCATED if self.code is None else str(self.code)


@dataclass(frozen=True)
class Candidate:
    address_id: uuid.UUID
    full_text: str
    score: float


@dataclass(frozen=True)
class WorklistRow:
    alias: AddressAlias
    source_label: str
    candidates: list[Candidate]


@dataclass(frozen=True)
class WorklistPage:
    rows: list[WorklistRow]
    page: int
    has_next: bool


def alias_worklist_summary(*, scope: AliasScope) -> list[TownshipSummary]:
    """Every 镇街 in the scope with its unmatched strings and records, in code order.

    Two queries: the townships, and one aggregate over the scope's unmatched aliases (the
    worklist index). Matched aliases are not counted: at county scale that would read every
    alias of every feed on each page view; a feed's match rate belongs to its import.
    """
    townships = division_names_within(low=scope.low, high=scope.high, level=DivisionLevel.TOWNSHIP)
    totals: dict[int | None, tuple[int, int]] = {
        row["township_id"]: (row["unmatched"], row["records"])
        for row in AddressAlias.objects.filter(scope.aliases(), address__isnull=True)
        .values("township_id")
        .annotate(unmatched=Count("id"), records=Sum("occurrences", default=0))
        .order_by()
    }
    lines: list[tuple[int | None, str]] = [(code, name) for code, name in townships]
    if scope.sees_unlocated:
        lines.append((None, str(_("未识别镇街"))))
    all_records = sum(records for _count, records in totals.values())
    summaries = []
    for code, name in lines:
        unmatched, records = totals.get(code, (0, 0))
        share = round(100 * records / all_records, 1) if all_records else None
        summaries.append(TownshipSummary(code, name, unmatched, records, share))
    return summaries


def worklist_township(*, scope: AliasScope, parameter: str) -> "Division | None":
    """The 镇街 a ``township`` parameter names: a Division, or None for "未识别镇街".

    Raises NotFound for anything else, or for a township outside the scope.
    """
    if parameter == UNLOCATED and scope.sees_unlocated:
        return None
    if parameter.isdigit() and scope.covers_division(int(parameter)):
        township = division_get(int(parameter), level=DivisionLevel.TOWNSHIP)
        if township is not None:
            return township
    raise NotFound


def alias_worklist(
    *,
    scope: AliasScope,
    township: "Division | None",
    page: int,
    page_size: int = WORKLIST_PAGE_SIZE,
) -> WorklistPage:
    """One page of a 镇街's unmatched aliases, most frequent first, with their candidates.

    ``township`` None lists the aliases no township could be told for (county users only).
    Three queries whatever the page size: the aliases, and the candidate addresses.
    """
    aliases = AddressAlias.objects.filter(scope.aliases(), address__isnull=True)
    if township is None:
        aliases = aliases.filter(township__isnull=True)
        division_range = (scope.low, scope.high)
    else:
        aliases = aliases.filter(township_id=township.code)
        division_range = township.code_range()
    start = (page - 1) * page_size
    found = list(aliases.order_by("-occurrences", "id")[start : start + page_size + 1])
    shown = found[:page_size]
    candidates = alias_candidates(aliases=shown, division_range=division_range)
    rows = [
        WorklistRow(alias, source_label(alias.source), candidates.get(alias.pk, []))
        for alias in shown
    ]
    return WorklistPage(rows=rows, page=page, has_next=len(found) > page_size)


_POOL_NUMBERS = ("group", "door_number", "building", "unit", "room")

NumberFilter = tuple[tuple[str, str], ...]  # (field, value) pairs a candidate must have


def _number_filter(numbers: NumberKey) -> NumberFilter | None:
    """What a candidate must share with the query: its flat, or its house in its group.

    Mirrors the matcher's index, which files addresses under their exact numbers: 室 with 幢
    and 单元 when the query writes them, or 号 with 组. None when the text has neither.
    """
    group, door, building, unit, room = numbers
    fields: tuple[tuple[str, str | None], ...]
    if room is not None:
        fields = (("room", room), ("building", building), ("unit", unit))
    elif door is not None:
        fields = (("door_number", door), ("group", group))
    else:
        return None
    return tuple((name, value) for name, value in fields if value is not None)


def alias_candidates(
    *, aliases: Sequence[AddressAlias], division_range: tuple[int, int], limit: int = 3
) -> dict[uuid.UUID, list[Candidate]]:
    """The matcher's best ``limit`` standard addresses in the range for each alias.

    Candidates share the alias's last numbers (see ``_number_filter``); names and the other
    numbers are scored. One query for all the aliases together, at most ``CANDIDATE_POOL``
    rows.
    """
    wanted = {
        alias.pk: fields
        for alias in aliases
        if (fields := _number_filter(query_numbers(alias.raw_text).numbers)) is not None
    }
    if not wanted:
        return {}
    any_wanted = Q()
    for fields in set(wanted.values()):
        any_wanted |= Q(**dict(fields))
    pool = list(
        StandardAddress.objects.filter(
            any_wanted, division__code__range=division_range
        ).values_list("id", "full_text", *_POOL_NUMBERS)[:CANDIDATE_POOL]
    )
    text_of = {row[0]: row[1] for row in pool}
    # Pool rows by the values of each filter's fields: one pass per filter shape.
    grouped: dict[NumberFilter, list[tuple[uuid.UUID, str]]] = defaultdict(list)
    for names in {tuple(name for name, _value in fields) for fields in wanted.values()}:
        positions = [2 + _POOL_NUMBERS.index(name) for name in names]
        for row in pool:
            key = tuple(zip(names, (row[p] for p in positions), strict=True))
            grouped[key].append((row[0], row[1]))
    result: dict[uuid.UUID, list[Candidate]] = {}
    for alias in aliases:
        fields = wanted.get(alias.pk)
        if fields is None:
            continue
        scores = candidate_scores(alias.raw_text, grouped.get(fields, []), limit=limit)
        result[alias.pk] = [
            Candidate(address_id, text_of[address_id], score) for address_id, score in scores
        ]
    return result


def address_search(
    *, text: str, division_range: tuple[int, int], limit: int = 10
) -> list[StandardAddress]:
    """Standard addresses in the range whose canonical text contains ``text``, in text order."""
    text = text.strip()
    if not text:
        return []
    ids = address_ids_containing(text=text, division_range=division_range)
    return list(StandardAddress.objects.filter(pk__in=ids).order_by("full_text")[:limit])
