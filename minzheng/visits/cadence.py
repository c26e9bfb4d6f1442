"""The visit cadence in force for a region on a day: the shipped table plus the admin's values.

Names are ``interval_days.<colour>`` and ``first_visit_hours.<colour>``; values are added at
/visits/cadence/ through ``core.dated_settings`` (add-only, audited), like the 五型三色 model
and the warning rules.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.core.dated_settings import Number, SettingsSpec, values_in_force
from minzheng.core.exceptions import Message
from minzheng.eligibility.rules.regions import REGIONS
from minzheng.eligibility.selectors.snapshot import region_of
from minzheng.visits.enums import Colour
from minzheng.visits.models import VisitCadenceSetting
from minzheng.visits.plans import SHIPPED, SHIPPED_VALUES, Cadence

_GROUPS = ("interval_days", "first_visit_hours")
_LONGEST = {"interval_days": 366, "first_visit_hours": 366 * 24}


def cadence_setting_names() -> list[str]:
    return [f"{group}.{colour.name.lower()}" for group in _GROUPS for colour in Colour]


def cadence_setting_label(name: str) -> str:
    """红色对象探访间隔(天), 红色对象首次探访时限(小时): the cadence's numbers in words."""
    group, _dot, colour = name.partition(".")
    label = Colour[colour.upper()].label
    if group == "interval_days":
        return _("%(colour)s色对象探访间隔(天)") % {"colour": label}
    return _("%(colour)s色对象首次探访时限(小时)") % {"colour": label}


def _value(cadence: Cadence, name: str) -> int:
    group, _dot, colour = name.partition(".")
    table = cadence.interval_days if group == "interval_days" else cadence.first_visit_hours
    return table[Colour[colour.upper()]]


def cadence_in_force(*, region: str | None, day: dt.date) -> Cadence:
    """The shipped cadence with the latest admin value of each number on or before ``day``."""
    if region is None:
        return SHIPPED
    values, _latest = values_in_force(VisitCadenceSetting, region=region, day=day)
    intervals, first = dict(SHIPPED.interval_days), dict(SHIPPED.first_visit_hours)
    for name, value in values.items():
        group, _dot, colour = name.partition(".")
        (intervals if group == "interval_days" else first)[Colour[colour.upper()]] = int(value)
    return Cadence(intervals, first)


@dataclass
class CadenceBook:
    """The cadence of each division's region on one day, read once per region."""

    day: dt.date
    _by_region: dict[str | None, Cadence] = field(default_factory=dict)

    def for_division(self, division_code: int) -> Cadence:
        region = region_of(division_code)
        if region not in self._by_region:
            self._by_region[region] = cadence_in_force(region=region, day=self.day)
        return self._by_region[region]


def _valid(name: str, number: Decimal) -> Message | None:
    group = name.partition(".")[0]
    if number != number.to_integral_value() or not 1 <= number <= _LONGEST.get(group, 0):
        return _("探访间隔应为 1 至 366 天的整数，首次探访应为 1 至 8784 小时的整数。")
    return None


def _numbers(region: str | None, day: dt.date) -> Mapping[str, Number]:
    cadence = cadence_in_force(region=region, day=day)
    return {name: _value(cadence, name) for name in cadence_setting_names()}


CADENCE_SETTINGS = SettingsSpec(
    model=VisitCadenceSetting,
    names=cadence_setting_names,
    label=cadence_setting_label,
    regions=REGIONS,
    numbers=_numbers,
    valid=_valid,
    may_edit=lambda user: user.has_capability(Capability.PARAMETER_EDIT),
    audit_target="visits.cadence_setting",
    shipped=SHIPPED_VALUES,
)
