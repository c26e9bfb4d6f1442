"""The warning rules in force for a region on a day: the shipped table plus the admin's values.

Every threshold of ``rules.RULES`` (``<kind>.threshold``, ``<kind>.red_at``) and the working
days a colour gives to act (``due_working_days.<colour>``) can take a dated value per region,
added by the county admin at /monitoring/rules/ (``core.dated_settings``: add-only, audited).
"""

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.core.dated_settings import SettingRow, dated_setting_add, values_in_force
from minzheng.core.exceptions import Message, PermissionDenied
from minzheng.eligibility.rules.regions import REGIONS
from minzheng.monitoring.enums import Colour, EventKind
from minzheng.monitoring.models import WarningRuleSetting
from minzheng.monitoring.rules import DUE_WORKING_DAYS, RULES, Rule

DUE = "due_working_days"
AUDIT_TARGET = "monitoring.warning_rule_setting"
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


def _shipped(name: str) -> Decimal:
    key, _dot, part = name.partition(".")
    if key == DUE:
        return Decimal(DUE_WORKING_DAYS[Colour[part.upper()]])
    value = getattr(RULES[EventKind(key)], part)
    return Decimal(value)


def rules_in_force(*, region: str, day: dt.date) -> RuleSet:
    """The shipped rules with the latest admin value of each number on or before ``day``."""
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


def warning_rule_setting_add(
    *, actor: User, name: str, region: str, start: dt.date, value: str, reference: str
) -> WarningRuleSetting:
    """Add a dated value for one number of the warning rules in one region (county admin).

    Raises:
        PermissionDenied: the actor is not the county admin.
        ApplicationError: see ``core.dated_settings.dated_setting_add``.
    """
    if not actor.has_capability(Capability.PARAMETER_EDIT):
        raise PermissionDenied
    return dated_setting_add(
        WarningRuleSetting,
        actor=actor,
        names=rule_setting_names(),
        regions=REGIONS,
        valid=_valid,
        audit_target=AUDIT_TARGET,
        name=name,
        region=region,
        start=start,
        value=value,
        reference=reference,
    )


def rule_rows(*, day: dt.date) -> list[SettingRow]:
    """Every number of the rules: the shipped value and the one in force per region."""
    in_force = {region: rules_in_force(region=region, day=day) for region in REGIONS}
    return [
        SettingRow(
            name,
            _shipped(name),
            {region: rule_value(rules, name) for region, rules in in_force.items()},
        )
        for name in rule_setting_names()
    ]
