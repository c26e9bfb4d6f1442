"""The parameter table the county admin reads: every dated value, shipped or added."""

from dataclasses import dataclass

from minzheng.eligibility.models import ParameterValue
from minzheng.eligibility.rules import rules
from minzheng.eligibility.rules.changes import PARAMETER_NAMES, parameter_node
from minzheng.eligibility.rules.regions import REGIONS


@dataclass(frozen=True)
class DatedValue:
    start: str
    value: float
    label: str
    reference: str
    added_by: str  # "" for the shipped YAML


@dataclass(frozen=True)
class RegionHistory:
    region: str
    region_name: str
    values: list[DatedValue]  # newest first


@dataclass(frozen=True)
class ParameterHistory:
    name: str
    description: str
    regions: list[RegionHistory]


def parameter_histories() -> list[ParameterHistory]:
    """Every public parameter with its values per region, newest first (one query)."""
    added: dict[tuple[str, str], list[DatedValue]] = {}
    for row in ParameterValue.objects.select_related("created_by"):
        added.setdefault((row.name, row.region), []).append(
            DatedValue(
                row.start.isoformat(),
                float(row.value),
                row.label,
                row.reference,
                str(row.created_by),
            )
        )
    histories = []
    for name in PARAMETER_NAMES:
        node = parameter_node(rules().parameters, name)
        regions = []
        for region, region_name in REGIONS.items():
            shipped = [
                DatedValue(
                    v.instant_str,
                    float(v.value),
                    str(v.metadata.get("label", "")),
                    str(v.metadata.get("reference", "")),
                    "",
                )
                for v in node.children[region].values_list
                if v.value is not None
            ]
            values = sorted([*shipped, *added.get((name, region), [])], key=lambda v: v.start)
            regions.append(RegionHistory(region, region_name, values[::-1]))
        histories.append(ParameterHistory(name, str(node.description or ""), regions))
    return histories
