"""What the 一件事 intake proposes for a household (the profile's ``recommended_items``).

Two sources, read in a few queries: the current rules run (the programmes the household is
eligible for, with the rules' reasons) and its 五型三色 profile (临时救助 after a shock, 医疗救助
for high medical spending, 电费减免 for utility arrears). Items the household already receives
and items switched off in the catalogue are left out. The worker still chooses: the
recommendations only tick the boxes and say why.
"""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.utils.translation import gettext as _

from minzheng.cases.enums import ScheduleStatus
from minzheng.cases.models import AssistanceItem, PaymentSchedule
from minzheng.eligibility.selectors import household_suggestions
from minzheng.profiling.classify import INDICATORS, TYPES
from minzheng.profiling.models import HouseholdProfile


@dataclass(frozen=True)
class Recommendation:
    code: str  # an AssistanceItem code
    name: str
    reason: str


def _bit(codes: tuple[str, ...], code: str) -> int:
    return 1 << codes.index(code)


def _from_profile(profile: HouseholdProfile | None) -> dict[str, str]:
    """Item code → reason, from the profile's types and indicators."""
    if profile is None:
        return {}
    found: dict[str, str] = {}
    if profile.types & _bit(TYPES, "emergency"):
        found["temporary"] = _("近期发生急难事件，可申请临时救助（急难型）。")
    if profile.reasons & _bit(INDICATORS, "medical_spending_high"):
        found["medical"] = _("年度医疗自付费用较高，可转介医疗救助。")
    if profile.reasons & _bit(INDICATORS, "utility_arrears"):
        found["electricity_waiver"] = _("水电费欠费未解决，可申请电费减免。")
    return found


def household_recommendations(*, household_id: uuid.UUID, day: dt.date) -> list[Recommendation]:
    """The items to propose for ``household_id`` on ``day``, in catalogue order."""
    by_programme = {
        suggestion.programme: suggestion.sentences[0]
        if suggestion.sentences
        else _("规则判定符合条件。")
        for suggestion in household_suggestions(household_id=household_id)
    }
    by_code = _from_profile(HouseholdProfile.objects.filter(household_id=household_id).first())
    receiving = set(
        PaymentSchedule.objects.paying_in(day.replace(day=1))
        .filter(household_id=household_id, status=ScheduleStatus.ACTIVE)
        .values_list("item_id", flat=True)
    )
    recommended = []
    for item in AssistanceItem.objects.filter(is_active=True).exclude(pk__in=receiving):
        reason = by_programme.get(item.programme) if item.programme else by_code.get(item.code)
        if reason:
            recommended.append(Recommendation(item.code, item.name, reason))
    return recommended
