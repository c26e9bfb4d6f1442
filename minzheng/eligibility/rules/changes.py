"""Changing parameter values for one run or from a date, without touching the YAML.

Two kinds of change exist: a what-if (``--set dibao.standard=1200``: one value for every date
and region) and a dated value the county admin adds (from 2025-01-01 in 330482). Both become an
OpenFisca reform of the baseline, so the formulas never know where a value came from.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from openfisca_core.parameters import Parameter, ParameterAtInstant, ParameterNode
from openfisca_core.reforms import Reform
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from minzheng.eligibility.rules.regions import REGIONS

# The public parameter names (``--set`` and explanations). Every one is a node keyed by region.
PARAMETER_NAMES: tuple[str, ...] = (
    "dibao.standard",
    "dibao.edge_multiplier",
    "dibao.asset.financial_months",
    "dibao.asset.vehicle_value_cap",
    "dibao.asset.max_dwellings",
    "dibao.single_person_ratio",
    "tekun.basic",
    "rigid.disposable_income_last_year",
    "orphan.institutional",
    "orphan.scattered",
    "disability.living_allowance",
)

_SINCE_ALWAYS = "1900-01-01"


class UnknownParameter(KeyError):
    pass


@dataclass(frozen=True)
class ParameterChange:
    """``value`` for ``name``; ``start`` None means every date, ``region`` None every region."""

    name: str
    value: Decimal
    label: str
    reference: str = ""
    start: date | None = None
    region: str | None = None


def parameter_node(parameters: ParameterNode, name: str) -> ParameterNode:
    """The node of a public parameter name, whose children are the regions."""
    if name not in PARAMETER_NAMES:
        raise UnknownParameter(name)
    node = parameters
    for part in name.split("."):
        node = node.children[part]
    return node


def with_changes(
    baseline: TaxBenefitSystem, changes: Sequence[ParameterChange]
) -> TaxBenefitSystem:
    """The baseline, or a reform of it carrying ``changes`` (applied in the given order)."""
    if not changes:
        return baseline

    def modify(parameters: ParameterNode) -> ParameterNode:
        for change in changes:
            node = parameter_node(parameters, change.name)
            regions = [change.region] if change.region else list(REGIONS)
            for region in regions:
                _apply(node.children[region], change)
        return parameters

    class ParameterChanges(Reform):  # type: ignore[misc]
        name = "参数调整"

        def apply(self) -> None:
            self.modify_parameters(modifier_function=modify)

    return ParameterChanges(baseline)


def _apply(parameter: Parameter, change: ParameterChange) -> None:
    """Insert ``change`` into the dated values; later values keep their own dates."""
    start = change.start.isoformat() if change.start else _SINCE_ALWAYS
    metadata = {"label": change.label, "reference": change.reference}
    value = float(change.value)
    if change.start is None:
        kept: list[ParameterAtInstant] = []
    else:
        kept = [v for v in parameter.values_list if v.instant_str != start]
    new = ParameterAtInstant(
        f"{parameter.name}[{start}]", start, data={"value": value, "metadata": metadata}
    )
    # OpenFisca keeps values newest first.
    parameter.values_list = sorted([*kept, new], key=lambda v: v.instant_str, reverse=True)


def value_in_force(parameter: Parameter, day: date) -> ParameterAtInstant | None:
    """The dated value that holds on ``day``: the latest one starting on or before it."""
    wanted = day.isoformat()
    return next((v for v in parameter.values_list if v.instant_str <= wanted), None)
