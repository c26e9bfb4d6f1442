"""Conflicts, gaps and stale data in a household's department records: pure functions.

Every function takes the detached facts of ``report_values`` and returns ``Flag`` values, so
the rules are tested without a database. A flag's message names the department and the kind
of problem only; the differing values travel separately (IDs masked), so a message can be
logged or counted without carrying personal data.
"""

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext_lazy as _
from minzheng_pipeline.identifiers import mask
from minzheng_pipeline.text import gender_code

from minzheng.core.rule_values import RULE_FILE_NAME, load
from minzheng.integration.comparison import id_key, names_differ
from minzheng.integration.enums import Department, FlagCode, FlagKind, Severity
from minzheng.integration.selectors.report_values import (
    MemberFacts,
    SourceFacts,
    age_on,
    department_label,
    department_rank,
    format_value,
    item_label,
    months_before,
    newest_records,
)
from minzheng.registry.enums import Gender

MESSAGES = {
    FlagCode.NAME_DIFFERS: _("%(department)s记录的姓名与户籍登记不一致"),
    FlagCode.GENDER_DIFFERS: _("%(department)s记录的性别与户籍登记不一致"),
    FlagCode.BIRTH_DATE_DIFFERS: _("%(department)s记录的出生日期与户籍登记不一致"),
    FlagCode.ID_NUMBER_DIFFERS: _(
        "%(department)s记录的身份证号与户籍登记不一致，可能是部门数据录入有误"
    ),
    FlagCode.ADDRESS_DIFFERS: _("%(department)s记录的地址与本户地址不一致"),
    FlagCode.HOUSEHOLD_NUMBER_DIFFERS: _("%(department)s记录的户号与本户户号不一致"),
    FlagCode.VALUES_DIFFER: _(
        "%(department)s在同一截止日期有 %(count)s 条记录，“%(item)s”的值不一致"
    ),
    FlagCode.MEMBER_MISSING: _("没有%(department)s记录"),
    FlagCode.HOUSEHOLD_MISSING: _("本户所有成员均没有%(department)s记录"),
    FlagCode.STALE: _("%(department)s数据截止于 %(as_of)s，已超过 %(months)s 个月"),
}
ID_POSITIONS = _("第 %(positions)s 位不同")

# How old a department's newest data may be (``rule_values.yaml``, ADR 0034).
STALE_AFTER_MONTHS = load(Path(__file__).parent.parent / RULE_FILE_NAME).integer(
    "stale_after_months"
)
ADULT_AGE = 16  # 人社 keeps records from working age on
# Every resident appears in these feeds; none of a household's members in one is a gap.
COVERS_EVERYONE = (Department.POLICE, Department.MEDICAL_INSURANCE)
# One row per car, electricity account, bank and business: several rows of one date are
# expected there.
MANY_PER_PERSON = frozenset(
    {
        Department.VEHICLES,
        Department.ELECTRICITY,
        Department.BANKS,
        Department.MARKET_REGULATION,
    }
)
_KIND_ORDER = {FlagKind.CONFLICT: 0, FlagKind.GAP: 1, FlagKind.STALE: 2}
_SEVERITY_ORDER = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}


@dataclass(frozen=True)
class Flag:
    kind: FlagKind
    severity: Severity
    code: FlagCode
    message: str
    department: str = ""
    department_label: str = ""
    person_id: uuid.UUID | None = None  # None: about the whole household
    person_name: str = ""
    as_of: dt.date | None = None
    registry_value: str = ""  # what the registry says; ID numbers masked
    source_value: str = ""  # what the department says; ID numbers masked
    note: str = ""


def _flag(
    kind: FlagKind,
    severity: Severity,
    code: FlagCode,
    *,
    department: str,
    member: MemberFacts | None = None,
    as_of: dt.date | None = None,
    registry_value: str = "",
    source_value: str = "",
    note: str = "",
    **params: object,
) -> Flag:
    label = department_label(department)
    return Flag(
        kind=kind,
        severity=severity,
        code=code,
        message=str(MESSAGES[code] % {"department": label, "as_of": as_of or "", **params}),
        department=department,
        department_label=label,
        person_id=member.person_id if member else None,
        person_name=member.name if member else "",
        as_of=as_of,
        registry_value=registry_value,
        source_value=source_value,
        note=note,
    )


def differing_positions(first: str, second: str) -> tuple[int, ...]:
    """1-based positions where two equally long numbers differ; masked values hide them."""
    if len(first) != len(second):
        return ()
    return tuple(i for i, (a, b) in enumerate(zip(first, second, strict=True), 1) if a != b)


def identity_conflicts(member: MemberFacts, record: SourceFacts) -> list[Flag]:
    """Where a record's linkage fields contradict the registry person it was linked to."""
    flags: list[Flag] = []

    def conflict(
        code: FlagCode, severity: Severity, registry_value: str, source_value: str, note: str = ""
    ) -> None:
        flags.append(
            _flag(
                FlagKind.CONFLICT,
                severity,
                code,
                department=record.department,
                member=member,
                as_of=record.as_of,
                registry_value=registry_value,
                source_value=source_value,
                note=note,
            )
        )

    if names_differ(record.name, member.name):
        conflict(FlagCode.NAME_DIFFERS, Severity.MEDIUM, member.name, record.name.strip())
    source_gender, registry_gender = gender_code(record.gender), gender_code(member.gender)
    if source_gender and registry_gender and source_gender != registry_gender:
        conflict(
            FlagCode.GENDER_DIFFERS,
            Severity.MEDIUM,
            str(Gender(registry_gender).label),
            str(Gender(source_gender).label),
        )
    if record.birth_date and member.birth_date and record.birth_date != member.birth_date:
        conflict(
            FlagCode.BIRTH_DATE_DIFFERS,
            Severity.HIGH,
            member.birth_date.isoformat(),
            record.birth_date.isoformat(),
        )
    source_id, registry_id = id_key(record.id_number), id_key(member.id_number)
    if source_id and registry_id and source_id != registry_id:
        positions = differing_positions(source_id, registry_id)
        note = ID_POSITIONS % {"positions": "、".join(map(str, positions))} if positions else ""
        conflict(
            FlagCode.ID_NUMBER_DIFFERS,
            Severity.HIGH,
            mask(registry_id),
            mask(source_id),
            str(note),
        )
    if record.standard_address_id and record.standard_address_id != member.address_id:
        conflict(
            FlagCode.ADDRESS_DIFFERS,
            Severity.MEDIUM,
            member.address_text,
            record.standard_address_text,
        )
    household_number = record.value("household_number")
    if record.department == Department.POLICE and household_number and member.household_number:
        written = household_number.text.strip()
        if written != member.household_number:
            conflict(
                FlagCode.HOUSEHOLD_NUMBER_DIFFERS, Severity.MEDIUM, member.household_number, written
            )
    return flags


def value_conflicts(member: MemberFacts, records: Iterable[SourceFacts]) -> list[Flag]:
    """Items that one department, on one date, reports twice with different values."""
    same_date: dict[tuple[str, dt.date], list[SourceFacts]] = defaultdict(list)
    for record in records:
        if record.department not in MANY_PER_PERSON:
            same_date[(record.department, record.as_of)].append(record)
    flags = []
    for (department, as_of), rows in same_date.items():
        if len(rows) < 2:
            continue
        keys = sorted({key for row in rows for key in row.items})
        for key in keys:
            values = sorted(
                {format_value(row.value(key)) for row in rows if row.value(key) is not None}
            )
            if len(values) > 1:
                flags.append(
                    _flag(
                        FlagKind.CONFLICT,
                        Severity.HIGH,
                        FlagCode.VALUES_DIFFER,
                        department=department,
                        member=member,
                        as_of=as_of,
                        source_value=" / ".join(values),
                        count=len(rows),
                        item=item_label(department, key),
                    )
                )
    return flags


def member_gaps(
    member: MemberFacts,
    records: Iterable[SourceFacts],
    *,
    today: dt.date,
    skip: Iterable[str] = (),
) -> list[Flag]:
    """Departments every such member should appear in, but this one does not.

    医保 covers every resident, 人社 everyone of working age; an unknown birth date counts as
    an adult, since the gap is worth a look. ``skip`` holds departments already flagged for
    the whole household.
    """
    present = {record.department for record in records}
    expected = [Department.MEDICAL_INSURANCE]
    age = age_on(member.birth_date, today)
    if age is None or age >= ADULT_AGE:
        expected.append(Department.SOCIAL_SECURITY)
    return [
        _flag(
            FlagKind.GAP,
            Severity.MEDIUM,
            FlagCode.MEMBER_MISSING,
            department=department,
            member=member,
        )
        for department in expected
        if department not in present and department not in set(skip)
    ]


def household_gaps(departments_present: Iterable[str]) -> list[Flag]:
    """Departments that cover everyone but hold no record about anyone in the household."""
    present = set(departments_present)
    return [
        _flag(FlagKind.GAP, Severity.HIGH, FlagCode.HOUSEHOLD_MISSING, department=department)
        for department in COVERS_EVERYONE
        if department not in present
    ]


def stale_flags(
    member: MemberFacts, records: Iterable[SourceFacts], *, today: dt.date
) -> list[Flag]:
    """Departments whose newest record about the member is older than 12 months."""
    cutoff = months_before(today, STALE_AFTER_MONTHS)
    flags = []
    for department, rows in newest_records(records).items():
        as_of = rows[0].as_of
        if as_of < cutoff:
            flags.append(
                _flag(
                    FlagKind.STALE,
                    Severity.LOW,
                    FlagCode.STALE,
                    department=department,
                    member=member,
                    as_of=as_of,
                    months=STALE_AFTER_MONTHS,
                )
            )
    return flags


def is_stale(as_of: dt.date, today: dt.date) -> bool:
    return as_of < months_before(today, STALE_AFTER_MONTHS)


def _distinct(flags: Iterable[Flag]) -> list[Flag]:
    """One flag per person, department, problem and differing value: the newest record's.

    A department that misspells a name in every yearly file says one thing, not five.
    """
    chosen: dict[tuple[object, ...], Flag] = {}
    for flag in flags:
        # Differing values are told apart by date too: each date's pair is its own question.
        dated = flag.as_of if flag.code == FlagCode.VALUES_DIFFER else None
        key = (flag.person_id, flag.department, flag.code, flag.source_value, flag.message, dated)
        kept = chosen.get(key)
        if kept is None or (flag.as_of or dt.date.min) > (kept.as_of or dt.date.min):
            chosen[key] = flag
    return list(chosen.values())


def household_flags(
    members: Sequence[tuple[MemberFacts, Sequence[SourceFacts]]], *, today: dt.date
) -> list[Flag]:
    """Every flag of a household, conflicts first, then gaps, then stale data.

    Within a kind: the most severe first, then members in the order given (head first),
    household-level flags before members', then departments in their usual order.
    """
    if not members:
        return []
    present = {record.department for _member, records in members for record in records}
    flags = household_gaps(present)
    missing_everywhere = {flag.department for flag in flags}
    for member, records in members:
        for record in records:
            flags.extend(identity_conflicts(member, record))
        flags.extend(value_conflicts(member, records))
        flags.extend(member_gaps(member, records, today=today, skip=missing_everywhere))
        flags.extend(stale_flags(member, records, today=today))
    position = {member.person_id: index for index, (member, _records) in enumerate(members)}
    return sorted(
        _distinct(flags),
        key=lambda flag: (
            _KIND_ORDER[flag.kind],
            _SEVERITY_ORDER[flag.severity],
            -1 if flag.person_id is None else position.get(flag.person_id, len(position)),
            department_rank(flag.department),
            list(FlagCode).index(flag.code),
            flag.as_of or dt.date.min,
        ),
    )
