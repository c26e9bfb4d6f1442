"""Which events raise a warning, with which cause and colour.

The rule table is data: one ``Rule`` per event kind, with its thresholds and the reference it
follows; the numbers (thresholds, due days) ship in ``rule_values.yaml`` with their start and
reference (ADR 0034). The county admin overrides them per region from a date
(``rule_settings.rules_in_force``). ``judge`` applies a whole table to columns of events at
once (numpy), so a night's feed is judged without a Python loop per event.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import numpy as np
import numpy.typing as npt

from minzheng.core.rule_values import RULE_FILE_NAME, document, load
from minzheng.monitoring.enums import Cause, Colour, EventKind

NO_WARNING = -1
SHIPPED = load(Path(__file__).with_name(RULE_FILE_NAME))
_MEASURES = document("social_assistance_measures").citation
_MONITORING = document("low_income_monitoring").citation


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
        f"{_MONITORING}：监测医疗支出",
        threshold=SHIPPED.number("big_medical_bill.threshold"),
        red_at=SHIPPED.number("big_medical_bill.red_at"),
    ),
    EventKind.DEATH: Rule(Cause.DEATH, Colour.RED, f"{_MEASURES}第十三条：家庭人口变化的待遇调整"),
    EventKind.DISABILITY_CERTIFICATE: Rule(
        Cause.DISABILITY, Colour.YELLOW, f"{_MONITORING}：残联新办残疾证"
    ),
    EventKind.UNEMPLOYMENT: Rule(
        Cause.UNEMPLOYMENT,
        Colour.YELLOW,
        f"{_MONITORING}：人社失业登记",
        red_if_subsistence=True,
    ),
    EventKind.UTILITY_ARREARS: Rule(
        Cause.ARREARS,
        Colour.YELLOW,
        "MODEL：水电欠费预警为本系统假设",
        threshold=SHIPPED.number("utility_arrears.threshold"),
    ),
    EventKind.VEHICLE_PURCHASE: Rule(
        Cause.PROPERTY_CHANGE,
        Colour.YELLOW,
        f"{_MEASURES}第十三条：家庭财产状况变化",
        only_if_receiving=True,
    ),
    EventKind.PROPERTY_PURCHASE: Rule(
        Cause.PROPERTY_CHANGE,
        Colour.YELLOW,
        f"{_MEASURES}第十三条：家庭财产状况变化",
        only_if_receiving=True,
    ),
    EventKind.DISASTER: Rule(Cause.DISASTER, Colour.RED, f"{_MEASURES}第四十七条：受灾"),
}

# Due dates in working days by colour.
DUE_WORKING_DAYS: dict[Colour, int] = {
    colour: SHIPPED.integer(f"due_working_days.{colour.name.lower()}")
    for colour in (Colour.RED, Colour.YELLOW, Colour.GREEN)
}


def measure_of(kind: EventKind, *, amount: Decimal | None, months: int | None) -> float:
    """The quantity a threshold compares with: months for arrears, else the amount."""
    value = months if kind == EventKind.UTILITY_ARREARS else amount
    return float(value) if value is not None else np.nan


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
