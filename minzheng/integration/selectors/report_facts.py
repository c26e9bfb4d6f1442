"""Which department told us each fact about a household, on which date, or who declared it.

The 核对报告's answer to "where does this figure come from": per fact the rules or the
caseworker read, the departments that reported it (their newest data date, how many members
they cover), the household's declaration (申报), or 未核对 when neither exists. A department
whose whole file the county receives (车辆, 不动产 …) vouches for a member it holds nothing
about; the banks answer only for the members a 核对 query named, so a member without an
answer is 未核对.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db.models import Max
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minzheng.integration.declarations import HouseholdDeclaration
from minzheng.integration.enums import Department, ImportStatus
from minzheng.integration.models import FeedImport
from minzheng.integration.selectors.report_values import (
    MemberFacts,
    SourceFacts,
    department_label,
)


class FactStatus:
    DEPARTMENT = "department"  # reported by a department for every member
    PARTIAL = "partial"  # some members answered, some not
    DECLARED = "declared"  # the household's declaration
    UNVERIFIED = "unverified"  # no department, no declaration


STATUS_LABELS: dict[str, Promise] = {
    FactStatus.DEPARTMENT: gettext_lazy("部门核对"),
    FactStatus.PARTIAL: gettext_lazy("部分成员未核对"),
    FactStatus.DECLARED: gettext_lazy("申报"),
    FactStatus.UNVERIFIED: gettext_lazy("未核对"),
}


@dataclass(frozen=True)
class FactSpec:
    label: Promise
    departments: tuple[Department, ...]
    case_path: str = ""  # the fact's path in a case, where a declaration may stand for it
    answers_per_person: bool = False  # only members a query named are answered (banks)


FACTS: tuple[FactSpec, ...] = (
    FactSpec(gettext_lazy("工资与养老金"), (Department.SOCIAL_SECURITY,)),
    FactSpec(gettext_lazy("个税收入"), (Department.TAX,)),
    FactSpec(gettext_lazy("残疾"), (Department.DISABILITY,)),
    FactSpec(gettext_lazy("医疗自付(刚性支出)"), (Department.MEDICAL_INSURANCE,)),
    FactSpec(gettext_lazy("房产"), (Department.REAL_ESTATE,)),
    FactSpec(gettext_lazy("车辆"), (Department.VEHICLES,)),
    FactSpec(
        gettext_lazy("金融资产(存款、理财)"),
        (Department.BANKS,),
        case_path="assets.financial",
        answers_per_person=True,
    ),
    FactSpec(gettext_lazy("住房公积金"), (Department.HOUSING_FUND,)),
    FactSpec(gettext_lazy("经营主体(市场监管登记)"), (Department.MARKET_REGULATION,)),
    FactSpec(gettext_lazy("所获赡养(扶养、抚养)费"), (), case_path="support_received_monthly"),
    FactSpec(gettext_lazy("有赡养能力的法定义务人"), (), case_path="has_capable_supporter"),
)


@dataclass(frozen=True)
class FactRow:
    label: str
    status: str
    status_label: str
    sources: tuple[str, ...]  # "车辆 2026-10-31，2/3 名成员有记录"; "银行 2026-10-20" …
    declaration: str = ""  # "申报 0.00 元，证明材料 SM-2026-0042，2026-11-20 (SQ…)"
    missing_members: tuple[str, ...] = ()  # names of members not answered


def feeds_received() -> dict[str, dt.date]:
    """The newest data date of a merged feed per department: what the county has received."""
    return dict(
        FeedImport.objects.filter(status=ImportStatus.MERGED)
        .values("department")
        .annotate(newest=Max("as_of"))
        .values_list("department", "newest")
    )


def fact_sources(
    members: Sequence[tuple[MemberFacts, Sequence[SourceFacts]]],
    *,
    received: Mapping[str, dt.date],
    declarations: Sequence[HouseholdDeclaration],
) -> tuple[FactRow, ...]:
    """One row per fact, in ``FACTS`` order: pure, for tests without a database."""
    declared: dict[str, HouseholdDeclaration] = {}
    for declaration in declarations:  # newest first: the first of a fact wins
        declared.setdefault(declaration.fact, declaration)
    return tuple(_fact(spec, members, received, declared) for spec in FACTS)


def _fact(
    spec: FactSpec,
    members: Sequence[tuple[MemberFacts, Sequence[SourceFacts]]],
    received: Mapping[str, dt.date],
    declared: Mapping[str, HouseholdDeclaration],
) -> FactRow:
    sources: list[str] = []
    missing: list[str] = []
    for department in spec.departments:
        holders = [
            (member, max(r.as_of for r in records if r.department == department))
            for member, records in members
            if any(r.department == department for r in records)
        ]
        if spec.answers_per_person:
            answered = {member.person_id for member, _day in holders}
            missing += [m.name for m, _records in members if m.person_id not in answered]
            if holders:
                sources.append(
                    _("%(department)s %(as_of)s，%(answered)s/%(count)s 名成员已答复")
                    % {
                        "department": department_label(department),
                        "as_of": min(day for _member, day in holders).isoformat(),
                        "answered": len(holders),
                        "count": len(members),
                    }
                )
        elif department in received:
            sources.append(
                _("%(department)s %(as_of)s，%(holders)s/%(count)s 名成员有记录")
                % {
                    "department": department_label(department),
                    "as_of": received[department].isoformat(),
                    "holders": len(holders),
                    "count": len(members),
                }
            )
    declaration = declared.get(spec.case_path) if spec.case_path else None
    note = (
        _("%(value)s，证明材料 %(document)s，%(on)s 记录(申请 %(number)s)")
        % {
            "value": declaration.value,
            "document": declaration.document,
            "on": declaration.recorded_on.isoformat(),
            "number": declaration.application_number,
        }
        if declaration
        else ""
    )
    if sources and not missing:
        status = FactStatus.DEPARTMENT
    elif declaration is not None:
        status = FactStatus.DECLARED
    elif sources:
        status = FactStatus.PARTIAL
    else:
        status = FactStatus.UNVERIFIED
    return FactRow(
        label=str(spec.label),
        status=status,
        status_label=str(STATUS_LABELS[status]),
        sources=tuple(sources),
        declaration=note,
        missing_members=tuple(missing) if sources else (),
    )
