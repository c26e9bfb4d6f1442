"""The 核对报告: every department record about a household's current members, with flags.

The caller has already passed the household through an access check. Whatever the household's
size, the report costs a fixed number of queries: members with their persons, the division
lineage, the source records with their standard addresses, their data items, the feeds
received, and the household's declarations (from the app that records them).
"""

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from minzheng.core import clock
from minzheng.divisions.selectors import division_lineage
from minzheng.integration.declarations import household_declarations
from minzheng.integration.departments import SPECS, TOPIC_LABELS, Topic
from minzheng.integration.enums import Department, FlagKind
from minzheng.integration.models import SourceRecord
from minzheng.integration.selectors.report_facts import FactRow, fact_sources, feeds_received
from minzheng.integration.selectors.report_flags import Flag, household_flags, is_stale
from minzheng.integration.selectors.report_totals import Totals, household_totals
from minzheng.integration.selectors.report_values import (
    ItemValue,
    MemberFacts,
    SourceFacts,
    age_on,
    department_label,
    department_rank,
    format_value,
    item_label,
    mask_identifiers,
)
from minzheng.registry.selectors import household_members

if TYPE_CHECKING:
    from minzheng.registry.models import Household

_TOPICS = tuple(TOPIC_LABELS)


@dataclass(frozen=True)
class RecordRow:
    record_id: str
    as_of: dt.date
    is_stale: bool
    cells: tuple[tuple[str, str], ...]  # (column label, value), so phones can label each cell


@dataclass(frozen=True)
class DepartmentTable:
    department: str
    label: str
    columns: tuple[str, ...]  # item labels
    rows: tuple[RecordRow, ...]  # newest first


@dataclass(frozen=True)
class TopicSection:
    topic: str
    label: str
    tables: tuple[DepartmentTable, ...]


@dataclass(frozen=True)
class MemberSection:
    person_id: uuid.UUID
    name: str
    relation: str
    id_number_masked: str
    gender: str
    birth_date: dt.date | None
    age: int | None
    record_count: int
    flag_count: int
    topics: tuple[TopicSection, ...]


@dataclass(frozen=True)
class CheckReport:
    household_id: uuid.UUID
    household_number: str
    division_code: int
    division_path: tuple[str, ...]  # county first, down to the 村(社区)
    address: str
    generated_at: dt.datetime
    today: dt.date
    members: tuple[MemberSection, ...]  # the head first, then by age
    flags: tuple[Flag, ...]  # conflicts, gaps, stale data; the most severe first
    totals: Totals
    # Where each fact came from: department and date, the household's declaration, or 未核对.
    facts: tuple[FactRow, ...] = ()

    @property
    def conflicts(self) -> tuple[Flag, ...]:
        return tuple(f for f in self.flags if f.kind == FlagKind.CONFLICT)

    @property
    def gaps(self) -> tuple[Flag, ...]:
        return tuple(f for f in self.flags if f.kind == FlagKind.GAP)

    @property
    def stale(self) -> tuple[Flag, ...]:
        return tuple(f for f in self.flags if f.kind == FlagKind.STALE)

    @property
    def record_count(self) -> int:
        return sum(member.record_count for member in self.members)


def household_check_report(*, household: "Household", today: dt.date | None = None) -> CheckReport:
    """The 核对报告 of a household the caller may already read.

    ``today`` decides ages and what counts as stale; it defaults to the local date.
    """
    today = today or clock.today()
    memberships = household_members(household_id=household.pk)
    address = household.address.full_text if household.address_id and household.address else ""
    members = [
        MemberFacts(
            person_id=m.person_id,
            name=m.person.name,
            id_number=m.person.id_number,
            gender=m.person.gender,
            birth_date=m.person.birth_date,
            household_number=household.number,
            address_id=household.address_id,
            address_text=address,
        )
        for m in memberships
    ]
    records = _source_facts([m.person_id for m in memberships])
    pairs = [(member, records.get(member.person_id, [])) for member in members]
    flags = household_flags(pairs, today=today)
    flagged = defaultdict[uuid.UUID | None, int](int)
    for flag in flags:
        flagged[flag.person_id] += 1
    return CheckReport(
        household_id=household.pk,
        household_number=household.number,
        division_code=household.division_id,
        division_path=tuple(d.name for d in division_lineage(household.division_id)),
        address=address,
        generated_at=clock.now(),
        today=today,
        members=tuple(
            MemberSection(
                person_id=m.person_id,
                name=m.person.name,
                relation=m.get_relation_display(),
                id_number_masked=m.person.id_number_masked,
                gender=m.person.get_gender_display(),
                birth_date=m.person.birth_date,
                age=age_on(m.person.birth_date, today),
                record_count=len(own),
                flag_count=flagged[m.person_id],
                topics=_topics(own, today),
            )
            for m, (_member, own) in zip(memberships, pairs, strict=True)
        ),
        flags=tuple(flags),
        totals=household_totals(pairs),
        facts=fact_sources(
            pairs,
            received=feeds_received(),
            declarations=household_declarations(household.pk),
        ),
    )


def _source_facts(person_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[SourceFacts]]:
    """Every source record about these persons, detached from the ORM, in two queries."""
    if not person_ids:
        return {}
    rows = (
        SourceRecord.objects.filter(person_id__in=person_ids)
        .select_related("standard_address")
        .prefetch_related("items")
        .order_by("person_id", "department", "-as_of", "record_id")
    )
    facts: dict[uuid.UUID, list[SourceFacts]] = defaultdict(list)
    for row in rows:
        facts[row.person_id].append(
            SourceFacts(
                record_id=row.record_id,
                department=row.department,
                as_of=row.as_of,
                name=row.name,
                id_number=row.id_number,
                gender=row.gender,
                birth_date=row.birth_date,
                standard_address_id=row.standard_address_id,
                standard_address_text=(
                    row.standard_address.full_text if row.standard_address else ""
                ),
                items={
                    item.key: ItemValue(item.key, item.value_type, item.text, item.number)
                    for item in row.items.all()
                },
            )
        )
    return facts


def _topic_of(department: str, key: str | None) -> str:
    """The report heading an item belongs under; unknown items go with their department."""
    spec = SPECS.get(Department(department)) if department in Department.values else None
    if spec is None or not spec.items:
        return Topic.CIVIL
    for item in spec.items:
        if item.key == key:
            return item.topic
    return spec.items[0].topic


def _columns(department: str, topic: str, seen: set[str]) -> tuple[str, ...]:
    """The department's items under this topic in its spec's order, then any others seen."""
    spec = SPECS.get(Department(department)) if department in Department.values else None
    known = tuple(i.key for i in spec.items if i.topic == topic) if spec else ()
    return known + tuple(sorted(seen - set(known)))


def _topics(records: Sequence[SourceFacts], today: dt.date) -> tuple[TopicSection, ...]:
    """A member's records grouped by topic, then department; each table newest first."""
    grouped: dict[tuple[str, str], list[SourceFacts]] = defaultdict(list)
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    # Only what a department says now can be stale; its older records are history.
    newest: dict[str, dt.date] = {}
    for record in records:
        newest[record.department] = max(record.as_of, newest.get(record.department, record.as_of))
        topics: dict[str, set[str]] = defaultdict(set)
        for key in record.items:
            topics[_topic_of(record.department, key)].add(key)
        for topic, keys in (topics or {_topic_of(record.department, None): set()}).items():
            grouped[(topic, record.department)].append(record)
            seen[(topic, record.department)] |= keys
    sections = []
    for topic in _TOPICS:
        departments = sorted((d for t, d in grouped if t == topic), key=department_rank)
        tables = []
        for department in departments:
            columns = _columns(department, topic, seen[(topic, department)])
            labels = tuple(item_label(department, key) for key in columns)
            rows = sorted(
                grouped[(topic, department)], key=lambda r: (-r.as_of.toordinal(), r.record_id)
            )
            tables.append(
                DepartmentTable(
                    department=department,
                    label=department_label(department),
                    columns=labels,
                    rows=tuple(
                        RecordRow(
                            record_id=mask_identifiers(row.record_id),
                            as_of=row.as_of,
                            is_stale=row.as_of == newest[department] and is_stale(row.as_of, today),
                            cells=tuple(
                                (label, format_value(row.value(key)))
                                for label, key in zip(labels, columns, strict=True)
                            ),
                        )
                        for row in rows
                    ),
                )
            )
        if tables:
            sections.append(TopicSection(topic, str(TOPIC_LABELS[topic]), tuple(tables)))
    return tuple(sections)
