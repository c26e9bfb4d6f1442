"""Address aliases (地址别名): what each source's raw address strings mean.

Every distinct string a source writes is matched once and remembered. The next feed that
carries it is answered from the table, so a clerk's resolution of an unmatched string holds
for every later record, and a county-size feed costs one lookup per batch of known strings.
"""

import logging
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from minzheng_pipeline.addresses import normalise

from minzheng.accounts.models import User
from minzheng.addresses.enums import AliasMethod
from minzheng.addresses.matching import AddressIndex, address_index
from minzheng.addresses.models import AddressAlias, StandardAddress
from minzheng.addresses.permissions import alias_scope
from minzheng.core.audit import audit_record
from minzheng.core.bulk import Constant, TableLoad, base_columns, write_table
from minzheng.core.clock import now
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import NotFound, PermissionDenied
from minzheng.core.ids import RecordId, record_id

logger = logging.getLogger(__name__)

BATCH = 1000  # rows per query: under SQLite's variable limit, small enough for PostgreSQL
PROGRESS_EVERY = 5000  # strings matched between two progress reports
RAW_TEXT_MAX = AddressAlias._meta.get_field("raw_text").max_length or 255
SOURCE_MAX = AddressAlias._meta.get_field("source").max_length or 32

Progress = Callable[[int, int], None]


class AliasResolution(dict[str, uuid.UUID | None]):
    """Each raw string → the id of the standard address it means, or None; with counts.

    Counts are of distinct strings (``matched``, ``unmatched``, ``from_table``, ``created``)
    and of the records carrying them (``records_matched``, ``records_unmatched``). Blank strings
    map to None and are in no count.
    """

    def __init__(self) -> None:
        super().__init__()
        self.matched = 0
        self.unmatched = 0
        self.from_table = 0
        self.created = 0
        self.records_matched = 0
        self.records_unmatched = 0
        self.index_seconds = 0.0  # spent (re)building the matcher index, 0 when it was cached


def _key(text: str) -> str:
    """The string as stored: outer spaces and NULs (which PostgreSQL refuses) dropped."""
    return text.replace("\x00", "").strip()[:RAW_TEXT_MAX]


RawTexts = Mapping[str, int] | Iterable[str]


def _distinct(raw_texts: RawTexts) -> tuple[dict[str, int], dict[str, str]]:
    """Occurrences per stored key, and the key of every string given."""
    given = raw_texts if isinstance(raw_texts, Mapping) else Counter(raw_texts)
    occurrences: dict[str, int] = defaultdict(int)
    key_of: dict[str, str] = {}
    for text, count in given.items():
        key = _key(text)
        key_of[text] = key
        if key:
            occurrences[key] += max(int(count), 0)
    return dict(occurrences), key_of


def _known(source: str, keys: list[str]) -> dict[str, tuple[uuid.UUID, uuid.UUID | None]]:
    """(alias id, address id) of each key already in the table, a batch per query."""
    known: dict[str, tuple[uuid.UUID, uuid.UUID | None]] = {}
    for start in range(0, len(keys), BATCH):
        rows = AddressAlias.objects.filter(source=source, raw_text__in=keys[start : start + BATCH])
        for alias_id, text, address_id in rows.values_list("id", "raw_text", "address_id"):
            known[text] = (alias_id, address_id)
    return known


@dataclass(frozen=True, slots=True)
class _NewAlias:
    text: str
    address_id: uuid.UUID | None
    score: float | None
    method: AliasMethod
    township: int | None


def _new_alias(index: AddressIndex, text: str) -> _NewAlias:
    """What the index makes of a string never seen from this source."""
    exact = index.exact.get(normalise(text))
    if exact is not None:
        township = index.township_of.get(exact)
        return _NewAlias(text, uuid.UUID(exact), 1.0, AliasMethod.EXACT, township)
    match = index.matcher.match(text)
    if match is None:
        return _NewAlias(text, None, None, AliasMethod.MATCHER, index.locator.locate(text))
    township = index.township_of.get(match.address_id)
    return _NewAlias(text, uuid.UUID(match.address_id), match.score, AliasMethod.MATCHER, township)


def _insert(new: Sequence[_NewAlias], source: str, occurrences: Mapping[str, int]) -> None:
    """Insert new aliases, skipping any a concurrent run stored meanwhile.

    Through the bulk loader: ``bulk_create`` spends most of a county-size run building model
    instances and SQL, ten times the cost of the matching itself.
    """
    write_table(
        TableLoad(
            AddressAlias,
            len(new),
            {
                **base_columns(len(new)),
                "raw_text": [alias.text for alias in new],
                "source": Constant(source),
                "address_id": [alias.address_id.hex if alias.address_id else None for alias in new],
                "score": [alias.score for alias in new],
                "method": [alias.method.value for alias in new],
                "township_id": [alias.township for alias in new],
                "occurrences": [occurrences[alias.text] for alias in new],
                "resolved_by_id": Constant(None),
                "resolved_at": Constant(None),
            },
        ),
        progress=False,
        skip_conflicts=True,
    )


def _add_occurrences(known: Mapping[uuid.UUID, int]) -> None:
    """Add each alias's new occurrences: one UPDATE per distinct count and batch."""
    by_count: dict[int, list[uuid.UUID]] = defaultdict(list)
    for alias_id, count in known.items():
        if count:
            by_count[count].append(alias_id)
    seen_at = now()
    for count, ids in by_count.items():
        for start in range(0, len(ids), BATCH):
            AddressAlias.objects.filter(pk__in=ids[start : start + BATCH]).update(
                occurrences=F("occurrences") + count, updated_at=seen_at
            )


def address_aliases_resolve(
    *,
    raw_texts: RawTexts,
    source: str,
    progress: Progress | None = None,
) -> AliasResolution:
    """The standard address each raw string of ``source`` means, or None if nobody knows yet.

    ``raw_texts`` maps each distinct string to the number of records carrying it, or lists
    the strings with repeats. Strings the source wrote before are answered from the alias
    table and their occurrences increased; new ones go through the matcher (built once per
    process, see ``matching``) and are stored: exact when the normalised text is the canonical
    one, matched, or unmatched with the 镇街 the text names, for that township's worklist.
    ``progress(done, total)`` is called while new strings are matched. Nothing is audited:
    this is machine bookkeeping; the feed import that calls it records the import.
    """
    if not source or len(source) > SOURCE_MAX:
        raise ValueError(f"source must be a code of 1 to {SOURCE_MAX} characters")
    occurrences, key_of = _distinct(raw_texts)
    keys = list(occurrences)
    known = _known(source, keys)
    answers = {text: address_id for text, (_, address_id) in known.items()}
    new_keys = [key for key in keys if key not in known]
    index_seconds = 0.0
    created: list[_NewAlias] = []
    if new_keys:
        started = time.perf_counter()
        index = address_index()
        index_seconds = time.perf_counter() - started
        for done, key in enumerate(new_keys, start=1):
            alias = _new_alias(index, key)
            created.append(alias)
            answers[key] = alias.address_id
            if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(new_keys)):
                progress(done, len(new_keys))
    with transaction.atomic():
        _add_occurrences({alias_id: occurrences[key] for key, (alias_id, _) in known.items()})
        _insert(created, source, occurrences)
    result = AliasResolution()
    result.from_table, result.created = len(known), len(created)
    result.index_seconds = index_seconds
    for key, count in occurrences.items():
        if answers[key] is None:
            result.unmatched += 1
            result.records_unmatched += count
        else:
            result.matched += 1
            result.records_matched += count
    for text, key in key_of.items():
        result[text] = answers.get(key) if key else None
    logger.info(
        "addresses.aliases.resolved",
        extra={
            "source": source,
            "matched": result.matched,
            "unmatched": result.unmatched,
            "from_table": result.from_table,
        },
    )
    return result


def address_aliases_rematch(*, progress: Progress | None = None) -> int:
    """Try every unmatched alias again against today's standard addresses; how many matched.

    For after new standard addresses are loaded: a string nobody could place yesterday may
    name one of them. Matched aliases, and those a clerk resolved, are left alone.
    """
    pending = list(AddressAlias.objects.filter(address__isnull=True).values_list("id", "raw_text"))
    if not pending:
        return 0
    index = address_index()
    found: list[AddressAlias] = []
    for done, (alias_id, text) in enumerate(pending, start=1):
        alias = _new_alias(index, text)
        if alias.address_id is not None:
            found.append(
                AddressAlias(
                    id=alias_id,
                    address_id=alias.address_id,
                    score=alias.score,
                    method=alias.method,
                    township_id=alias.township,
                    updated_at=now(),
                )
            )
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(pending)):
            progress(done, len(pending))
    with transaction.atomic():
        AddressAlias.objects.bulk_update(
            found, ["address", "score", "method", "township", "updated_at"], batch_size=BATCH
        )
    logger.info("addresses.aliases.rematched", extra={"tried": len(pending), "matched": len(found)})
    return len(found)


@transaction.atomic
def address_alias_resolve_manually(
    *, actor: User, alias_id: RecordId, address_id: RecordId
) -> AddressAlias:
    """A clerk says which standard address an alias means (a new one, or a correction).

    Allowed when the alias's 镇街 or the chosen address lies in the actor's jurisdiction for
    ``ADDRESS_RESOLVE``. The alias then files under the address's township. Audited without
    the raw text, which is personal data.

    Raises:
        PermissionDenied: the actor may not resolve addresses, or neither the alias nor the
            address is in their jurisdiction.
        NotFound: no such alias or standard address.
    """
    scope = alias_scope(actor=actor)
    alias = AddressAlias.objects.select_for_update().filter(pk=record_id(alias_id)).first()
    if alias is None:
        raise NotFound(_("未找到该待匹配地址，可能已被删除。"))
    address = (
        StandardAddress.objects.select_related("division").filter(pk=record_id(address_id)).first()
    )
    if address is None:
        raise NotFound(_("未找到所选的标准地址。"))
    if not (scope.covers_township(alias.township_id) or scope.covers_division(address.division_id)):
        raise PermissionDenied(_("该地址不在您的管辖范围内，不能指定。"))
    if alias.address_id == address.pk and alias.method == AliasMethod.MANUAL:
        return alias
    before = {"address": alias.address_id, "method": alias.method, "township": alias.township_id}
    alias.address = address
    alias.score = None
    alias.method = AliasMethod.MANUAL
    alias.township_id = address.division.parent_id
    alias.resolved_by = actor
    alias.resolved_at = now()
    alias.save(
        update_fields=[
            "address",
            "score",
            "method",
            "township",
            "resolved_by",
            "resolved_at",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target_type="address_alias",
        target_id=alias.pk,
        division_code=alias.township_id,
        changes={
            "source": alias.source,
            "address": [_text(before["address"]), str(address.pk)],
            "method": [before["method"], AliasMethod.MANUAL.value],
            "township": [before["township"], alias.township_id],
        },
    )
    return alias


def _text(value: object) -> str | None:
    return None if value is None else str(value)
