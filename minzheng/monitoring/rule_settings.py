"""The warning rules in force for a region on a day: the shipped table plus the admin's values.

Every threshold of ``rules.RULES`` (``<kind>.threshold``, ``<kind>.red_at``) and the working
days a colour gives to act (``due_working_days.<colour>``) can take a dated value per region,
added by the county admin at /monitoring/rules/ (``core.dated_settings``: add-only, audited).
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.core.dated_settings import Number, SettingsSpec, values_in_force
from minzheng.core.exceptions import Message
from minzheng.eligibility.rules.regions import REGIONS
from minzheng.monitoring.enums import Colour, EventKind
from minzheng.monitoring.models import WarningRuleSetting
from minzheng.monitoring.rules import DUE_WORKING_DAYS, RULES, SHIPPED, Rule

DUE = "due_working_days"
_LONGEST_DUE = 60  # working days; a quarter is the slowest cadence the domain knows


@dataclass(frozen=True)
class RuleSet:
    rules: dict[EventKind, Rule]
    due_working_days: dict[Colour, int]


def rule_setting_names() -> list[str]:
    """Every number of the rule table an admin may set."""
    names = []
    for kind, rule in RULES.items():
        if rule.threshold is not None:
            names.append(f"{kind.value}.threshold")
        if rule.red_at is not None:
            names.append(f"{kind.value}.red_at")
    return names + [f"{DUE}.{colour.name.lower()}" for colour in DUE_WORKING_DAYS]


def rule_setting_label(name: str) -> str:
    """大额医疗费用：预警阈值, 红色预警办结期限(工作日): the rule table's numbers in words."""
    key, _dot, part = name.partition(".")
    if key == DUE:
        return _("%(colour)s色预警办结期限(工作日)") % {"colour": Colour[part.upper()].label}
    kind = EventKind(key).label
    if part == "threshold":
        return _("%(kind)s：预警阈值") % {"kind": kind}
    return _("%(kind)s：红色预警阈值") % {"kind": kind}


def rules_in_force(*, region: str | None, day: dt.date) -> RuleSet:
    """The shipped rules with the latest admin value of each number on or before ``day``
    (``region`` None, a division outside every parameter region: the shipped rules)."""
    if region is None:
        return RuleSet(dict(RULES), dict(DUE_WORKING_DAYS))
    values, _latest = values_in_force(WarningRuleSetting, region=region, day=day)
    rules = dict(RULES)
    due = dict(DUE_WORKING_DAYS)
    for name, value in values.items():
        key, _dot, part = name.partition(".")
        if key == DUE:
            due[Colour[part.upper()]] = int(value)
        else:
            kind = EventKind(key)
            if part == "threshold":
                rules[kind] = replace(rules[kind], threshold=value)
            else:
                rules[kind] = replace(rules[kind], red_at=value)
    return RuleSet(rules, due)


def rule_value(rules: RuleSet, name: str) -> Decimal:
    key, _dot, part = name.partition(".")
    if key == DUE:
        return Decimal(rules.due_working_days[Colour[part.upper()]])
    return Decimal(getattr(rules.rules[EventKind(key)], part))


def _valid(name: str, number: Decimal) -> Message | None:
    if name.startswith(f"{DUE}."):
        if number != number.to_integral_value() or not 1 <= number <= _LONGEST_DUE:
            return _("办结期限应为 1 至 60 之间的整数个工作日。")
    elif number < 0:
        return _("阈值不能为负数。")
    return None


def _numbers(region: str | None, day: dt.date) -> Mapping[str, Number]:
    rules = rules_in_force(region=region, day=day)
    return {name: rule_value(rules, name) for name in rule_setting_names()}


RULE_SETTINGS = SettingsSpec(
    model=WarningRuleSetting,
    names=rule_setting_names,
    label=rule_setting_label,
    regions=REGIONS,
    numbers=_numbers,
    valid=_valid,
    may_edit=lambda user: user.has_capability(Capability.PARAMETER_EDIT),
    audit_target="monitoring.warning_rule_setting",
    shipped=SHIPPED,
)
