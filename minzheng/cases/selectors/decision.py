"""The 决定通知书: what the family is told, item by item, in words a county signs.

The notice says only what happened: the steps the application went through, each item's
decision with its amount as the item pays it (每月 for a monthly benefit, 一次性 for a one-off
grant, no amount for a status, a referral or a fee waiver), the reasons as sentences citing only
published documents, and, when anything is refused or lowered, where the family can turn. No
parameter key, no rule code and no model assumption reaches the family; staff read those on the
application's page.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from minzheng.cases.case_values import case_leaves, display_value, field_label
from minzheng.cases.enums import (
    ApplicationStatus,
    ItemKind,
    OwningDepartment,
    ProposalSource,
    StepKind,
)
from minzheng.cases.models import Application, ApplicationItem
from minzheng.cases.remedies import APPEAL_DAYS, LITIGATION_MONTHS, remedy_bodies_for
from minzheng.core.clock import today
from minzheng.divisions.enums import DivisionLevel
from minzheng.divisions.selectors import division_lineage
from minzheng.eligibility.enums import Programme
from minzheng.eligibility.services import notice_explain
from minzheng.registry.enums import Relation
from minzheng.registry.models import Membership

# The national rules each item rests on (``docs/domain/README.md``); the county's own standards
# are cited in the reasons, when their source is a published document.
_ACT = "《社会救助暂行办法》(国务院令第649号)"
LEGAL_BASIS: dict[str, str] = {
    Programme.DIBAO: "《最低生活保障审核确认办法》(民发〔2021〕57号)",
    Programme.DIBAO_SINGLE: "《最低生活保障审核确认办法》(民发〔2021〕57号)",
    Programme.DIBAO_EDGE: "《最低生活保障边缘家庭认定办法》",
    Programme.TEKUN: "《特困人员认定办法》(民发〔2021〕43号)",
    Programme.RIGID_EXPENDITURE: "《刚性支出困难家庭认定办法》",
}
# The steps a notice recites, in order, as a county notice words them. 规则预审 is the
# software's own step and 县级审批 is the deciding body itself (本机关), so neither is recited.
_RECITED = {
    StepKind.CHECK: gettext_lazy("家庭经济状况核对"),
    # The step's own label is capitalised in English; the notice uses it mid-sentence.
    StepKind.INVESTIGATION: pgettext_lazy("decision notice", "入户调查"),
    StepKind.TOWNSHIP_REVIEW: gettext_lazy("镇(街道)审核"),
    StepKind.PUBLICITY: gettext_lazy("在村(社区)公示"),
}
_DEPARTMENT_WORDS = {
    OwningDepartment.CIVIL_AFFAIRS: gettext_lazy("民政部门"),
    OwningDepartment.MEDICAL_INSURANCE: gettext_lazy("医疗保障部门"),
    OwningDepartment.EDUCATION: gettext_lazy("教育部门"),
    OwningDepartment.HOUSING: gettext_lazy("住房城乡建设部门"),
    OwningDepartment.ELECTRICITY: gettext_lazy("供电企业"),
    OwningDepartment.BROADCASTING: gettext_lazy("广播电视部门"),
}
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class NoticeItem:
    name: str
    kind: str
    granted: bool
    # Cash granted (monthly, or once); None for a refusal and for items that pay nothing.
    amount: Decimal | None
    reduced: bool  # granted below the proposed amount
    decision: str  # 批准，每月 525.00 元 / 批准，一次性发放 1500.00 元 / 予以认定 / 不予批准
    reasons: list[str]
    county_reason: str  # the county's own words on a refusal or a lowered amount


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
    procedure: (
        str  # 经家庭经济状况核对、入户调查和镇(街道)审核 (empty: nothing before the decision)
    )
    items: list[NoticeItem]
    monthly_total: Decimal  # granted monthly cash; 0 when nothing is paid monthly
    start_month: dt.date | None
    pays_monthly: bool
    ongoing: bool  # a monthly benefit or a status the family must report changes for
    legal_basis: str
    facts: list[NoticeFact]
    # 行政复议 and 行政诉讼: stated when anything asked for is refused or lowered.
    has_remedies: bool
    review_body: str  # "" when the county has not named one
    court: str
    appeal_days: int
    litigation_months: int


def _money(amount: Decimal) -> str:
    return format(amount.quantize(Decimal("0.01")), "f")


def _date(day: dt.date) -> str:
    return _("%(year)s年%(month)s月%(day)s日") % {
        "year": day.year,
        "month": day.month,
        "day": day.day,
    }


def _recited(application: Application) -> str:
    done = set(application.steps.filter(completed_at__isnull=False).values_list("kind", flat=True))
    steps = [str(words) for kind, words in _RECITED.items() if kind in done]
    if not steps:
        return ""
    listed = steps[0] if len(steps) == 1 else _("、").join(steps[:-1]) + _("和") + steps[-1]
    return _("经%(steps)s") % {"steps": listed}


def _decision_words(row: ApplicationItem, amount: Decimal | None, reduced: bool) -> str:
    kind = row.item.kind
    if not row.granted:
        return _("不予批准")
    if kind == ItemKind.MONTHLY_CASH and amount is not None:
        words = _("批准，每月 %(amount)s 元") % {"amount": _money(amount)}
        if reduced:
            words = _("批准，核减为每月 %(amount)s 元(经审核拟发放每月 %(proposed)s 元)") % {
                "amount": _money(amount),
                "proposed": _money(row.proposed_amount or ZERO),
            }
        return words
    if kind == ItemKind.ONE_OFF and amount is not None:
        words = _("批准，一次性发放 %(amount)s 元") % {"amount": _money(amount)}
        if reduced:
            words = _("批准，核减为一次性发放 %(amount)s 元(经审核拟发放 %(proposed)s 元)") % {
                "amount": _money(amount),
                "proposed": _money(row.proposed_amount or ZERO),
            }
        if row.granted_first_at is not None:
            words += _("，已由镇(街道)于%(date)s先行发放") % {
                "date": _date(timezone.localdate(row.granted_first_at))
            }
        return words
    department = str(_DEPARTMENT_WORDS.get(OwningDepartment(row.item.department), ""))
    if kind == ItemKind.REFERRAL:
        return _("予以转介，由%(department)s按规定办理") % {"department": department}
    if kind == ItemKind.FEE_WAIVER:
        return _("予以减免，由%(department)s按规定办理") % {"department": department}
    return _("予以认定")


def _item(row: ApplicationItem, sentences: dict[str, list[str]], refusal: str) -> NoticeItem:
    paid = bool(row.granted) and row.item.is_cash and (row.granted_amount or ZERO) > 0
    amount = row.granted_amount if paid else None
    reduced = amount is not None and amount < (row.proposed_amount or ZERO)
    # An item the proposal found eligible and the county refused: the county's reason is the
    # reason; the proposal's "符合条件" would only contradict the decision.
    overruled = not row.granted and bool(row.eligible)
    if overruled:
        reasons = []
    elif row.proposal_source == ProposalSource.RULES:
        reasons = sentences.get(row.item.programme, [])
    elif row.proposal_source == ProposalSource.WORKER:
        # The worker's own words (a 先行救助 records them only here).
        reasons = [row.proposal_note] if row.proposal_note else []
    else:
        reasons = [str(sentence) for sentence in row.explanation]
    # The notice states a whole refusal's reason once, not again under every item.
    said = row.decision_reason if overruled or reduced else ""
    county_reason = "" if said == refusal else said
    return NoticeItem(
        name=row.item.name,
        kind=row.item.kind,
        granted=bool(row.granted),
        amount=amount,
        reduced=reduced,
        decision=_decision_words(row, amount, reduced),
        reasons=reasons,
        county_reason=county_reason,
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
    case = dict(application.case)
    sentences = notice_explain(
        result=application.rules_result or {},
        region=str(case.get("region", "")),
        day=application.as_of,
    )
    # The notice answers what the family asked for and states what is granted; an item only
    # proposed (a referral following a 低保) and not granted was never the family's request.
    told = [row for row in rows if row.requested or row.granted]
    items = [_item(row, sentences, application.decision_reason) for row in told]
    monthly = [i for i in items if i.kind == ItemKind.MONTHLY_CASH and i.amount is not None]
    approved = application.status == ApplicationStatus.APPROVED
    bodies = remedy_bodies_for(
        division_code=application.division_id,
        day=timezone.localdate(application.decided_at) if application.decided_at else today(),
    )
    return DecisionNotice(
        application=application,
        head_name=head.person.name if head else "",
        household_number=application.household.number,
        division_path=[d.name for d in lineage if d.level >= DivisionLevel.COUNTY],
        county_name=county.name if county else "",
        approved=approved,
        procedure=_recited(application),
        items=items,
        monthly_total=sum((i.amount or ZERO for i in monthly), ZERO),
        start_month=application.start_month if monthly else None,
        pays_monthly=bool(monthly),
        ongoing=any(
            i.granted and i.kind in (ItemKind.MONTHLY_CASH, ItemKind.STATUS) for i in items
        ),
        legal_basis="、".join(laws),
        facts=[
            NoticeFact(field_label(case, path), display_value(path, value), source)
            for path, value, source in _facts(case, application.case_sources)
        ],
        has_remedies=not approved or any(not i.granted or i.reduced for i in items),
        review_body=bodies.review_body,
        court=bodies.court,
        appeal_days=APPEAL_DAYS,
        litigation_months=LITIGATION_MONTHS,
    )


def _facts(case: dict[str, object], sources: dict[str, str]) -> list[tuple[str, object, str]]:
    return [(path, value, sources.get(path, "")) for path, value in case_leaves(case)]
