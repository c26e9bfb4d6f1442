"""Reading the registry in bulk and writing the department feeds, truth file and manifest.

The registry is read with three ``values_list`` queries (persons with their current
membership, persons without one, households with their addresses), never a query per row.
Every random draw comes from a stream of the seed per department, so a seed always writes the
same bytes.
"""

import csv
import json
import logging
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from tqdm import tqdm

from minzheng.core.exceptions import ApplicationError
from minzheng.demo.feeds import noise
from minzheng.demo.feeds.departments import DEPARTMENTS, Feed, Registry
from minzheng.demo.generator import AS_OF
from minzheng.registry.models import Household, Membership, Person

logger = logging.getLogger(__name__)

FEEDS_STREAM = 2  # the seed's streams 0 and 1 belong to the population and its keys
TRUTH_FILE = "truth.csv"
MANIFEST_FILE = "manifest.json"
GENDER_LABELS = {"male": "男", "female": "女"}
HOUSEHOLD_FIELDS = (
    "number",
    "phone",
    "address__full_text",
    "address__division__parent__name",
    "address__building",
    "address__unit",
    "address__room",
)


class _RowWriter(Protocol):
    def writerows(self, rows: Iterable[Iterable[Any]], /) -> None: ...


@dataclass(frozen=True)
class FeedsSummary:
    rows: dict[str, int]  # per file name
    noise: dict[str, dict[str, int]]  # rows changed per source and kind
    seconds: float


def _uuid_text(value: str) -> str:
    """A UUID cast to text in its canonical dashed form: SQLite stores 32 hex digits."""
    if len(value) == 32:
        return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
    return value


def read_registry() -> Registry:
    """The synthetic persons, their current households and addresses.

    Person keys are read as text and households are joined by their unique 户号: building a
    ``uuid.UUID`` per row costs Django more than the rest of the read at county scale.

    Raises:
        ApplicationError: the registry holds no synthetic persons.
    """
    current = Membership.objects.filter(ended_on__isnull=True)
    # Sorted in Python rather than by ORDER BY: SQLite would sort the whole joined rows on disk.
    housed = sorted(
        current.filter(person__is_synthetic=True)
        .annotate(key=Cast("person_id", output_field=CharField()))
        .values_list(
            "key",
            "person__name",
            "person__id_number",
            "person__birth_date",
            "person__gender",
            "person__phone",
            "household__number",
            "relation",
        ),
        key=itemgetter(0),
    )
    # Synthetic persons without a current household still appear in 户籍 and the others.
    unhoused = sorted(
        Person.objects.filter(is_synthetic=True)
        .filter(~Exists(current.filter(person=OuterRef("pk"))))
        .annotate(key=Cast("id", output_field=CharField()))
        .values_list("key", "name", "id_number", "birth_date", "gender", "phone"),
        key=itemgetter(0),
    )
    if not housed and not unhoused:
        raise ApplicationError("人员库中没有演示数据，请先执行 minzheng seed 生成演示县。")
    # Synthetic people live in synthetic households; the rare real household one joined is
    # fetched by number afterwards, since a subquery over every membership is far slower.
    households = list(Household.objects.filter(is_synthetic=True).values_list(*HOUSEHOLD_FIELDS))
    known = {row[0] for row in households}
    others = sorted({row[6] for row in housed} - known)
    for start in range(0, len(others), 500):
        batch = others[start : start + 500]
        households += Household.objects.filter(number__in=batch).values_list(*HOUSEHOLD_FIELDS)
    households.sort(key=itemgetter(0))
    household_index = {row[0]: i for i, row in enumerate(households)}
    persons = [row[:6] for row in housed] + unhoused
    household = np.array(
        [household_index[row[6]] for row in housed] + [-1] * len(unhoused), dtype=np.int64
    )
    return Registry(
        person_id=[_uuid_text(row[0]) for row in persons],
        name=[row[1] for row in persons],
        id_number=[row[2] for row in persons],
        birth_date=np.array([row[3] for row in persons], dtype="datetime64[D]"),
        is_male=np.array([row[4] == "male" for row in persons], dtype=np.bool_),
        phone=[row[5] for row in persons],
        household=household,
        relation=[row[7] for row in housed] + [""] * len(unhoused),
        household_number=[row[0] for row in households],
        household_phone=[row[1] for row in households],
        address_text=[row[2] or "" for row in households],
        address_township=[row[3] or "" for row in households],
        address_building=[row[4] or "" for row in households],
        address_unit=[row[5] or "" for row in households],
        address_room=[row[6] or "" for row in households],
    )


def _take(values: Sequence[str], rows: Sequence[int]) -> list[str]:
    """``values[i]`` for each row, "" where the row points nowhere (-1)."""
    return [values[i] if i >= 0 else "" for i in rows]


def _linkage(
    feed: Feed, registry: Registry, forms: noise.NameForms, rng: np.random.Generator
) -> tuple[dict[str, list[str]], noise.AddressParts | None, dict[str, int]]:
    """The feed's linkage columns with noise, the clean address parts, and noise counts."""
    person = feed.person.tolist()
    household = (
        feed.household.tolist()
        if feed.household is not None
        else registry.household[feed.person].tolist()
    )
    birth = registry.birth_date[feed.person]
    columns: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    parts = None
    names, changed = noise.name_noise(rng, forms, feed.person, [registry.name[p] for p in person])
    columns["name"] = names
    counts |= changed
    # Drawn even for a feed without the column (electricity), so every feed's later draws
    # come in the same order.
    numbers, changed = noise.id_noise(
        rng,
        [registry.id_number[p] for p in person],
        birth.astype("datetime64[Y]").astype(np.int64) + 1970,
    )
    if "id_number" in feed.linkage:
        columns["id_number"] = numbers
        counts |= changed
    columns["gender"] = [
        GENDER_LABELS.get(g, "")
        for g in np.where(registry.is_male[feed.person], "male", "female").tolist()
    ]
    dates = np.datetime_as_string(birth, unit="D").tolist()
    columns["birth_date"] = ["" if d == "NaT" else d for d in dates]
    phones = feed.phone if feed.phone is not None else [registry.phone[p] for p in person]
    columns["phone"], changed = noise.phone_noise(rng, phones)
    counts |= changed
    if "address" in feed.linkage:
        parts = noise.AddressParts(
            text=_take(registry.address_text, household),
            township=_take(registry.address_township, household),
            building=_take(registry.address_building, household),
            unit=_take(registry.address_unit, household),
            room=_take(registry.address_room, household),
        )
        columns["address"], changed = noise.address_noise(rng, parts)
        counts |= changed
    return {name: columns[name] for name in feed.linkage}, parts, counts


def _duplicates(
    rng: np.random.Generator,
    columns: dict[str, list[str]],
    parts: noise.AddressParts | None,
    rows: int,
) -> tuple[list[int], dict[str, list[str]]]:
    """Rows entered twice, each copy with one small change: phone, address or ID left out."""
    chosen = np.flatnonzero(rng.random(rows) < noise.RATES.duplicate).tolist()
    kinds = rng.integers(0, 3, size=len(chosen)).tolist()
    variants = rng.integers(0, len(noise.ADDRESS_VARIANTS), size=len(chosen)).tolist()
    copies = {name: [values[i] for i in chosen] for name, values in columns.items()}
    for j, (i, kind) in enumerate(zip(chosen, kinds, strict=True)):
        for attempt in range(3):
            change = (kind + attempt) % 3
            if change == 0 and "phone" in copies and copies["phone"][j]:
                copies["phone"][j] = ""
                break
            if change == 1 and parts is not None and parts.text[i]:
                copies["address"][j] = noise.address_variant(
                    variants[j],
                    parts.text[i],
                    parts.township[i],
                    parts.building[i],
                    parts.unit[i],
                    parts.room[i],
                )
                break
            if change == 2 and "id_number" in copies and copies["id_number"][j]:
                copies["id_number"][j] = ""
                break
    return chosen, copies


def _write_feed(
    feed: Feed,
    registry: Registry,
    forms: noise.NameForms,
    rng: np.random.Generator,
    out: Path,
    truth: _RowWriter,
) -> tuple[int, dict[str, int]]:
    linkage, parts, counts = _linkage(feed, registry, forms, rng)
    columns = linkage | feed.columns
    duplicated, copies = _duplicates(rng, columns, parts, len(feed))
    counts["duplicate"] = len(duplicated)
    person = np.concatenate([feed.person, feed.person[duplicated]])
    # Shuffle so a duplicate does not sit next to its original, then number the records.
    order = rng.permutation(len(person)).tolist()
    full = {name: values + copies[name] for name, values in columns.items()}
    shuffled = {name: [values[i] for i in order] for name, values in full.items()}
    record_ids = [f"{feed.record_prefix}{n:08d}" for n in range(1, len(order) + 1)]
    with (out / f"{feed.source}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["record_id", *shuffled])
        writer.writerows(zip(record_ids, *shuffled.values(), strict=True))
    people = person[order].tolist()
    truth.writerows(
        (feed.source, record_id, registry.person_id[p])
        for record_id, p in zip(record_ids, people, strict=True)
    )
    return len(order), counts


def write_feeds(out: Path, *, seed: int, progress: bool = True) -> FeedsSummary:
    """Write every department feed, ``truth.csv`` and ``manifest.json`` into ``out``.

    Raises:
        ApplicationError: no synthetic persons to describe, or ``out`` is not a directory.
    """
    started = time.perf_counter()
    if out.exists() and not out.is_dir():
        raise ApplicationError("输出路径已存在且不是目录。")
    out.mkdir(parents=True, exist_ok=True)
    with tqdm(
        total=len(DEPARTMENTS) + 1,
        desc="demo_feeds",
        unit=" 个",
        file=sys.stderr,
        disable=not progress,
    ) as bar:
        bar.set_postfix_str("registry")
        registry = read_registry()
        forms = noise.name_forms(registry.name)
        bar.update(1)
        rows: dict[str, int] = {}
        applied: dict[str, dict[str, int]] = {}
        labels: dict[str, str] = {}
        truth_rows = 0
        with (out / TRUTH_FILE).open("w", encoding="utf-8", newline="") as handle:
            truth = csv.writer(handle, lineterminator="\n")
            truth.writerow(["source", "record_id", "person_id"])
            for number, build in enumerate(DEPARTMENTS):
                streams = np.random.SeedSequence([seed, FEEDS_STREAM, number]).spawn(2)
                feed = build(registry, np.random.default_rng(streams[0]))
                bar.set_postfix_str(feed.source)
                written, counts = _write_feed(
                    feed, registry, forms, np.random.default_rng(streams[1]), out, truth
                )
                rows[f"{feed.source}.csv"] = written
                applied[feed.source] = counts
                labels[feed.source] = feed.label
                truth_rows += written
                bar.update(1)
        rows[TRUTH_FILE] = truth_rows
    manifest = {
        "seed": seed,
        "as_of": AS_OF.isoformat(),
        "persons": registry.persons,
        "sources": labels,
        "rows": rows,
        "noise_rates": asdict(noise.RATES),
        "noise_applied": applied,
    }
    (out / MANIFEST_FILE).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    elapsed = time.perf_counter() - started
    # Counts and timings only: the feeds themselves hold names and ID numbers.
    logger.info("demo.feeds_written", extra={"rows": rows, "seed": seed, "seconds": elapsed})
    return FeedsSummary(rows=rows, noise=applied, seconds=elapsed)
