"""Which events raise a warning, with which cause and colour (domain §5 defaults).

The rule table is data: one ``Rule`` per event kind, with its thresholds and the reference it
follows. The county admin overrides thresholds and due days per region from a date
(``rule_settings.rules_in_force``). ``judge`` applies a whole table to columns of events at
once (numpy), so a night's feed is judged without a Python loop per event.

References:
- 《社会救助暂行办法》(国务院令第649号, 2019 修订) 第十一条、第四十七条 (dynamic management,
  临时救助 for sudden hardship);
- 民政部《关于加强低收入人口动态监测做好分层分类社会救助工作的意见》(民发〔2023〕39号)
  二(三) (monitoring warnings from departments' data: medical, disability, unemployment,
  disaster, death);
- the county's MODEL defaults in docs domain §5 (medical ≥ 2万, utility arrears ≥ 3 months).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from minzheng.monitoring.enums import Cause, EventKind
from minzheng.profiling.enums import Colour

NO_WARNING = -1


@dataclass(frozen=True)
class Rule:
    """One row of the rule table.

    ``threshold``: the event raises nothing below it (yuan, or months for arrears).
    ``red_at``: at or above it the colour is red instead of ``colour``.
    ``red_if_subsistence``: red when the household's profile carries the 兜底型 type.
    ``only_if_receiving``: raises nothing unless the household receives a running benefit.
    """

    cause: Cause
    colour: Colour
    reference: str
    threshold: Decimal | None = None
    red_at: Decimal | None = None
    red_if_subsistence: bool = False
    only_if_receiving: bool = False


RULES: dict[EventKind, Rule] = {
    EventKind.BIG_MEDICAL_BILL: Rule(
        Cause.ILLNESS,
        Colour.YELLOW,
        "民发〔2023〕39号 二(三); domain §5 大额医疗 ≥ 2万",
        threshold=Decimal(20_000),
        red_at=Decimal(100_000),
    ),
    EventKind.DEATH: Rule(Cause.DEATH, Colour.RED, "社会救助暂行办法 第十三条 (待遇调整)"),
    EventKind.DISABILITY_CERTIFICATE: Rule(
        Cause.DISABILITY, Colour.YELLOW, "民发〔2023〕39号 二(三) 残联 新办残疾证"
    ),
    EventKind.UNEMPLOYMENT: Rule(
        Cause.UNEMPLOYMENT,
        Colour.YELLOW,
        "民发〔2023〕39号 二(三) 人社 失业登记",
        red_if_subsistence=True,
    ),
    EventKind.UTILITY_ARREARS: Rule(
        Cause.ARREARS, Colour.YELLOW, "domain §5 水电欠费 ≥ 3 个月", threshold=Decimal(3)
    ),
    EventKind.VEHICLE_PURCHASE: Rule(
        Cause.PROPERTY_CHANGE,
        Colour.YELLOW,
        "社会救助暂行办法 第十三条 (家庭财产状况变化)",
        only_if_receiving=True,
    ),
    EventKind.PROPERTY_PURCHASE: Rule(
        Cause.PROPERTY_CHANGE,
        Colour.YELLOW,
        "社会救助暂行办法 第十三条 (家庭财产状况变化)",
        only_if_receiving=True,
    ),
    EventKind.DISASTER: Rule(Cause.DISASTER, Colour.RED, "社会救助暂行办法 第四十七条 (受灾)"),
}

# Due dates in working days by colour (domain §2.3: red within a day).
DUE_WORKING_DAYS: dict[Colour, int] = {Colour.RED: 1, Colour.YELLOW: 5, Colour.GREEN: 15}


def judge(
    *,
    rules: Mapping[EventKind, Rule] = RULES,
    kinds: npt.NDArray[np.str_],
    measures: npt.NDArray[np.float64],
    subsistence: npt.NDArray[np.bool_],
    receiving: npt.NDArray[np.bool_],
) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.int64]]:
    """The cause and colour of each event; colour ``NO_WARNING`` where the rules raise nothing.

    Arrays are aligned: one element per event. A missing measure (NaN) fails a threshold.
    """
    causes = np.full(kinds.shape, "", dtype=object)
    colours = np.full(kinds.shape, NO_WARNING, dtype=np.int64)
    for kind, rule in rules.items():
        rows = kinds == kind.value
        raises = rows.copy()
        if rule.threshold is not None:
            raises &= measures >= float(rule.threshold)
        if rule.only_if_receiving:
            raises &= receiving
        red = np.zeros(kinds.shape, dtype=np.bool_)
        if rule.red_at is not None:
            red |= measures >= float(rule.red_at)
        if rule.red_if_subsistence:
            red |= subsistence
        causes[raises] = rule.cause.value
        colours[raises] = np.where(red[raises], Colour.RED.value, rule.colour.value)
    return causes, colours
