"""The payment rules a county sets: how early a month may be paid, and whether to offset.

Both numbers ship as our assumption, to be confirmed by the county admin at
/payments/settings/ (dated, region-scoped, add-only and audited through
``core.dated_settings``, like the 五型三色 model and the visit cadence):

- ``prepare_lead_days``: a month's batch may be made from this many days before the month
  starts. Counties pay 低保 and 特困 in the first days of the month; ten days leaves time for
  复核, 审批 and the bank without letting anyone pay next year's January in December.
- ``offset_percent``: how much of each later payment to the household an overpayment (追缴)
  may take, in percent; 0, as shipped, means it is recovered otherwise (the family repays).
  《社会救助暂行办法》第六十八条 has wrongly received benefits returned; whether by deduction,
  and how much a family in need can lose from a month, is for the county to decide.
"""

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minzheng.accounts.enums import Capability
from minzheng.core.dated_settings import Number, SettingsSpec, values_in_force
from minzheng.core.exceptions import Message
from minzheng.core.rule_values import RULE_FILE_NAME, load
from minzheng.eligibility.rules.regions import REGIONS
from minzheng.payments.models import PaymentSetting

# Shipped with their start and reference (``rule_values.yaml``, ADR 0034).
SHIPPED_VALUES = load(Path(__file__).with_name(RULE_FILE_NAME))
SHIPPED: dict[str, int] = {name: SHIPPED_VALUES.integer(name) for name in SHIPPED_VALUES.names()}
LABELS = {
    "prepare_lead_days": gettext_lazy("可提前制单天数"),
    "offset_percent": gettext_lazy("追缴每笔最多抵扣比例(%)，0 为不抵扣"),
}


def payment_rules(*, region: str | None, day: dt.date) -> dict[str, int]:
    """The shipped rules with the county's latest value of each on or before ``day``."""
    rules = dict(SHIPPED)
    if region is not None:
        values, _latest = values_in_force(PaymentSetting, region=region, day=day)
        rules.update({name: int(value) for name, value in values.items() if name in rules})
    return rules


def _valid(name: str, number: Decimal) -> Message | None:
    if number != number.to_integral_value():
        return _("取值应为整数。")
    if name == "prepare_lead_days" and not 0 <= number <= 31:
        return _("可提前制单天数应为 0 至 31 天。")
    if name == "offset_percent" and not 0 <= number <= 100:
        return _("抵扣比例应为 0 至 100。")
    return None


def _numbers(region: str | None, day: dt.date) -> Mapping[str, Number]:
    return dict(payment_rules(region=region, day=day))


PAYMENT_SETTINGS = SettingsSpec(
    model=PaymentSetting,
    names=lambda: list(SHIPPED),
    regions=REGIONS,
    numbers=_numbers,
    valid=_valid,
    may_edit=lambda user: user.has_capability(Capability.PARAMETER_EDIT),
    shipped=SHIPPED_VALUES,
    audit_target="payments.setting",
    label=lambda name: str(LABELS.get(name, name)),
)
