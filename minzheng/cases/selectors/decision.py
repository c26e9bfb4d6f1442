"""The 决定通知书: what the family is told, item by item, with the rules' reasons and figures."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from minzheng.cases.case_values import case_leaves, display_value, field_label
from minzheng.cases.enums import ApplicationStatus, ItemKind
from minzheng.cases.models import Application, ApplicationItem
from minzheng.divisions.enums import DivisionLevel
from minzheng.divisions.selectors import division_lineage
from minzheng.eligibility.enums import Programme
from minzheng.registry.enums import Relation
from minzheng.registry.models import Membership

# The national rules each item rests on (domain.md §3.1); the county's own rules are cited in
# the parameters' sources, which the explanation sentences carry.
_ACT = "《社会救助暂行办法》(国务院令第649号)"
LEGAL_BASIS: dict[str, str] = {
    Programme.DIBAO: "《最低生活保障审核确认办法》(民发〔2021〕57号)",
    Programme.DIBAO_SINGLE: "《最低生活保障审核确认办法》(民发〔2021〕57号)",
    Programme.DIBAO_EDGE: "《最低生活保障边缘家庭认定办法》",
    Programme.TEKUN: "《特困人员认定办法》(民发〔2021〕43号)",
    Programme.RIGID_EXPENDITURE: "《刚性支出困难家庭认定办法》",
}
APPEAL_DAYS = 60
LITIGATION_MONTHS = 6


@dataclass(frozen=True)
class NoticeItem:
    name: str
    kind: str
    granted: bool
    amount: Decimal | None  # monthly (or one-off) cash; None for items that pay nothing
    reason: str
    explanation: list[str]


@dataclass(frozen=True)
class NoticeFact:
    label: str
    value: str
    source: str


@dataclass(frozen=True)
class DecisionNotice:
    application: Application
    head_name: str
    household_number: str
    division_path: list[str]
    county_name: str
    approved: bool
    items: list[NoticeItem]
    monthly_total: Decimal
    start_month: dt.date | None
    legal_basis: str
    parameters: list[tuple[str, str, str]]  # name, value in force, its source
    facts: list[NoticeFact]
    rules_version: str


def _item(row: ApplicationItem) -> NoticeItem:
    amount = row.granted_amount if row.granted and row.item.is_cash else None
    return NoticeItem(
        name=row.item.name,
        kind=row.item.kind,
        granted=bool(row.granted),
        amount=amount,
        reason=row.decision_reason,
        explanation=[str(sentence) for sentence in row.explanation],
    )


def decision_notice(*, application: Application) -> DecisionNotice | None:
    """The notice of a decided application, or None while it is still in progress."""
    if application.status == ApplicationStatus.IN_PROGRESS:
        return None
    rows = list(application.items.select_related("item").order_by("item__display_order"))
    head = (
        Membership.objects.current()
        .filter(household_id=application.household_id, relation=Relation.HEAD)
        .select_related("person")
        .first()
    )
    lineage = division_lineage(application.division_id)
    county = next((d for d in lineage if d.level == DivisionLevel.COUNTY), None)
    programmes = [row.item.programme for row in rows if row.item.programme and row.eligible]
    laws = [_ACT, *dict.fromkeys(LEGAL_BASIS[p] for p in programmes if p in LEGAL_BASIS)]
    if any(row.item.kind == ItemKind.ONE_OFF for row in rows):
        laws.append(_("《社会救助暂行办法》第四十七条(临时救助)"))
    result = application.rules_result or {}
    values = result.get("parameters")
    parameters: dict[str, object] = dict(values) if isinstance(values, dict) else {}
    labels = result.get("parameter_sources")
    sources: dict[str, object] = dict(labels) if isinstance(labels, dict) else {}
    case = dict(application.case)
    return DecisionNotice(
        application=application,
        head_name=head.person.name if head else "",
        household_number=application.household.number,
        division_path=[d.name for d in lineage if d.level >= DivisionLevel.COUNTY],
        county_name=county.name if county else "",
        approved=application.status == ApplicationStatus.APPROVED,
        items=[_item(row) for row in rows],
        monthly_total=sum(
            (
                row.granted_amount or Decimal("0.00")
                for row in rows
                if row.granted and row.item.kind == ItemKind.MONTHLY_CASH
            ),
            Decimal("0.00"),
        ),
        start_month=application.start_month,
        legal_basis="、".join(laws),
        parameters=[
            (str(name), str(value), str(sources.get(name, "")))
            for name, value in sorted(parameters.items())
        ],
        facts=[
            NoticeFact(field_label(case, path), display_value(path, value), source)
            for path, value, source in _facts(case, application.case_sources)
        ],
        rules_version=application.rules_version,
    )


def _facts(case: dict[str, object], sources: dict[str, str]) -> list[tuple[str, object, str]]:
    return [(path, value, sources.get(path, "")) for path, value in case_leaves(case)]
