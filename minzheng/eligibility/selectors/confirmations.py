"""Parameters a county has not confirmed: the model's assumptions, still in force.

A shipped value marked as the model's assumption (``rules.provenance``) is 未确认 until a county
admin confirms it against a document or replaces it with a cited value from a date. No 县级审批
may rest on one (issue 12 §4).
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from minzheng.core.clock import today
from minzheng.eligibility.enums import parameter_label
from minzheng.eligibility.rules.evaluation import parameters_in_force
from minzheng.eligibility.rules.provenance import is_assumption
from minzheng.eligibility.rules.regions import REGIONS
from minzheng.eligibility.services.evaluation import rules_system


@dataclass(frozen=True)
class UnconfirmedParameter:
    name: str
    label: str  # 低保标准: what a page or message shows, never the key alone
    region: str
    start: str  # the value's own start date
    value: float
    source: str  # the shipped label, e.g. 模型默认值


def unconfirmed_parameters(
    *, region: str, on: dt.date, names: Iterable[str] | None = None
) -> list[UnconfirmedParameter]:
    """The parameters (``names``, or all) whose value for ``region`` on ``on`` is unconfirmed."""
    if region not in REGIONS:
        return []
    wanted = None if names is None else set(names)
    held = parameters_in_force(rules_system(), on, region)
    return [
        UnconfirmedParameter(
            name=name,
            label=parameter_label(name),
            region=region,
            start=value.since,
            value=value.value,
            source=value.label,
        )
        for name, value in held.items()
        if (wanted is None or name in wanted)
        and is_assumption({"label": value.label, "reference": value.reference})
    ]


def result_unconfirmed_parameters(
    *, case: Mapping[str, object], result: Mapping[str, object]
) -> list[UnconfirmedParameter]:
    """The unconfirmed parameters a case's rules result used (an application's case and
    ``rules_result``); none when the rules did not judge it."""
    used = result.get("parameters")
    if not isinstance(used, Mapping) or not used:
        return []
    try:
        on = dt.date.fromisoformat(str(case.get("as_of", "")))
    except ValueError:
        on = today()  # judged cases carry their date; without one, today's values must hold
    return unconfirmed_parameters(region=str(case.get("region", "")), on=on, names=used)
