"""Linking a feed's checked rows to the registry's residents (ADR 0006, ADR 0008).

The reference is the registry's current residents inside the importer's jurisdiction; clerks'
earlier review decisions for the department are applied, so a pair decided once stays decided.
"""

import uuid
from collections import Counter
from dataclasses import dataclass

import pyarrow as pa
from minzheng_pipeline import link_to_reference

from minzheng.accounts.enums import Capability
from minzheng.accounts.permissions import jurisdiction_range
from minzheng.addresses.services import address_aliases_resolve
from minzheng.integration.departments import SPECS
from minzheng.integration.enums import Department
from minzheng.integration.models import FeedImport
from minzheng.integration.selectors.reviews import link_review_decisions
from minzheng.integration.services.feed_rows import CheckedRow
from minzheng.registry.models import Membership


def addresses_resolve(rows: list[CheckedRow], department: str) -> dict[str, uuid.UUID | None]:
    texts = Counter(row.values["address"] for row in rows if row.values["address"])
    if not texts:
        return {}
    return address_aliases_resolve(raw_texts=texts, source=department)


@dataclass(frozen=True)
class Link:
    person_id: str
    probability: float


def rows_link(feed_import: FeedImport, rows: list[CheckedRow]) -> dict[str, Link]:
    """Best registry candidate per record_id, with decisions from earlier reviews applied."""
    if not rows:
        return {}
    records = pa.table(
        {
            "record_id": [row.values["record_id"] for row in rows],
            "name": [row.values["name"] for row in rows],
            "id_number": [row.values["id_number"] for row in rows],
            "gender": [row.values["gender"] for row in rows],
            "birth_date": [row.birth_date.isoformat() if row.birth_date else "" for row in rows],
            "phone": [row.values["phone"] for row in rows],
            "address": [row.values["address"] for row in rows],
        }
    )
    result = link_to_reference(
        records, _reference(feed_import, rows), decisions=_decisions(feed_import.department)
    )
    return {
        record_id: Link(person_id, probability)
        for record_id, person_id, probability in zip(
            result.column("record_id").to_pylist(),
            result.column("reference_id").to_pylist(),
            result.column("match_probability").to_pylist(),
            strict=True,
        )
    }


def _reference(feed_import: FeedImport, records: list[CheckedRow]) -> pa.Table:
    """The registry's current residents, inside the importer's jurisdiction.

    For a department that links by keys, only those sharing a record's ID number or name.
    """
    memberships = Membership.objects.current()
    if feed_import.uploaded_by is not None:
        low, high = jurisdiction_range(
            actor=feed_import.uploaded_by, capability=Capability.FEED_IMPORT
        )
        memberships = memberships.filter(household__division__code__range=(low, high))
    fields = (
        "person_id",
        "person__name",
        "person__id_number",
        "person__gender",
        "person__birth_date",
        "person__phone",
        "household__address__full_text",
    )
    if SPECS[Department(feed_import.department)].reference_by_keys:
        parts = [memberships.filter(**keys) for keys in _key_filters(records)]
    else:
        parts = [memberships]
    columns: list[list[object]] = [[], [], [], [], [], [], []]
    seen: set[object] = set()
    for part in parts:
        for values in part.values_list(*fields).iterator(chunk_size=20_000):
            if values[0] in seen:
                continue
            seen.add(values[0])
            for column, value in zip(columns, values, strict=True):
                column.append(value)
    return pa.table(
        {
            "reference_id": [str(value) for value in columns[0]],
            "name": columns[1],
            "id_number": columns[2],
            "gender": columns[3],
            "birth_date": [value.isoformat() if value else "" for value in columns[4]],  # type: ignore[attr-defined]
            "phone": columns[5],
            "address": [value or "" for value in columns[6]],
        }
    )


def _key_filters(records: list[CheckedRow]) -> list[dict[str, list[str]]]:
    """Filters for the persons sharing a record's ID number, a few thousand at a time; by name
    only for the records whose ID number is missing or failed its checks."""
    ids = sorted({row.values["id_number"] for row in records if row.values["id_number"]})
    doubtful = (
        row
        for row in records
        if not row.values["id_number"] or any(p.field == "id_number" for p in row.problems)
    )
    names = sorted({row.values["name"] for row in doubtful if row.values["name"]})
    return [
        {f"person__{field}__in": values[start : start + 5_000]}
        for field, values in (("id_number", ids), ("name", names))
        for start in range(0, len(values), 5_000)
    ]


def _decisions(department: str) -> pa.Table:
    """Clerks' earlier decisions for this department: fixed matches and non-matches."""
    decided = link_review_decisions(department=department)
    return pa.table(
        {
            "record_id": pa.array([d.record_id for d in decided], pa.string()),
            "reference_id": pa.array([str(d.person_id) for d in decided], pa.string()),
            "is_match": pa.array([d.approved for d in decided], pa.bool_()),
        }
    )
