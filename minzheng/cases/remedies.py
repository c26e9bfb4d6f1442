"""The bodies a decision notice names for 行政复议 and 行政诉讼, per region and date.

A notice that refuses or lowers assistance tells the family where to turn (《社会救助暂行办法》
第六十五条). Which people's government hears the 复议 and which court the suit is county
facts, not code: the names ``review_body`` and ``court`` take dated, region-scoped values the
county admin adds at /cases/remedies/ through ``core.dated_settings`` (add-only, audited).
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minzheng.accounts.enums import Capability
from minzheng.cases.models import RemedyBodySetting
from minzheng.core.dated_settings import SettingsSpec, Value, values_in_force
from minzheng.core.exceptions import Message
from minzheng.core.rule_values import RULE_FILE_NAME, load
from minzheng.eligibility.rules.regions import REGIONS
from minzheng.eligibility.selectors.snapshot import region_of

# Statutory time limits, counted from the day the family receives the notice, and the shipped
# bodies per region: ``rule_values.yaml`` with their start and reference (ADR 0034).
SHIPPED_VALUES = load(Path(__file__).with_name(RULE_FILE_NAME))
APPEAL_DAYS = SHIPPED_VALUES.integer("appeal_days")
LITIGATION_MONTHS = SHIPPED_VALUES.integer("litigation_months")

REVIEW_BODY = "review_body"
COURT = "court"
LABELS = {REVIEW_BODY: gettext_lazy("行政复议机关"), COURT: gettext_lazy("行政诉讼法院")}


@dataclass(frozen=True)
class RemedyBodies:
    review_body: str  # "" when the region has none: the notice then names no body
    court: str


def remedy_bodies(*, region: str | None, day: dt.date) -> RemedyBodies:
    """The shipped bodies of ``region`` with the admin's latest value on or before ``day``."""
    bodies: dict[str, str] = {}
    if region is not None:
        for name in (REVIEW_BODY, COURT):
            shipped = SHIPPED_VALUES.at(name, day, region=region)
            if shipped is not None:
                bodies[name] = str(shipped)
        added, _latest = values_in_force(RemedyBodySetting, region=region, day=day)
        bodies.update({name: str(value) for name, value in added.items()})
    return RemedyBodies(bodies.get(REVIEW_BODY, ""), bodies.get(COURT, ""))


def remedy_bodies_for(*, division_code: int, day: dt.date) -> RemedyBodies:
    return remedy_bodies(region=region_of(division_code), day=day)


def _numbers(region: str | None, day: dt.date) -> Mapping[str, Value]:
    if region is None:  # no body is right for every region
        return {REVIEW_BODY: "", COURT: ""}
    bodies = remedy_bodies(region=region, day=day)
    return {REVIEW_BODY: bodies.review_body, COURT: bodies.court}


def _valid(name: str, text: str) -> Message | None:
    if len(text) > 100:
        return _("机关名称不能超过 100 个字。")
    return None


REMEDY_SETTINGS = SettingsSpec(
    model=RemedyBodySetting,
    names=lambda: [REVIEW_BODY, COURT],
    regions=REGIONS,
    numbers=_numbers,
    valid=_valid,
    may_edit=lambda user: user.has_capability(Capability.PARAMETER_EDIT),
    shipped=SHIPPED_VALUES,
    audit_target="cases.remedy_body_setting",
    words=True,
    label=lambda name: str(LABELS.get(name, name)),
)
