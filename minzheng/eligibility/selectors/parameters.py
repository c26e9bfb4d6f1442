"""The parameter table the county admin reads: every dated value, shipped or added."""

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from minzheng.eligibility.citations import citation
from minzheng.eligibility.enums import parameter_label
from minzheng.eligibility.models import (
    ParameterChangeProposal,
    ParameterConfirmation,
    ParameterValue,
    ProposalStatus,
)
from minzheng.eligibility.rules import rules
from minzheng.eligibility.rules.changes import PARAMETER_NAMES, parameter_node
from minzheng.eligibility.rules.provenance import is_assumption
from minzheng.eligibility.rules.regions import REGIONS
from minzheng.eligibility.rules.results import plain_number

UNCONFIRMED, CONFIRMED, CITED = "unconfirmed", "confirmed", "cited"


@dataclass(frozen=True)
class DatedValue:
    start: str
    value: int | float  # as the YAML writes it: 1145, 0.6
    label: str
    reference: str
    added_by: str  # "" for the shipped YAML
    # UNCONFIRMED: the model's assumption, not yet confirmed; CONFIRMED: an assumption the
    # county confirmed (``label`` and ``reference`` are then the county's); CITED otherwise.
    status: str = CITED
    confirmed_by: str = ""


@dataclass(frozen=True)
class RegionHistory:
    region: str
    region_name: str
    values: list[DatedValue]  # newest first


@dataclass(frozen=True)
class ParameterHistory:
    name: str
    label: str
    description: str
    regions: list[RegionHistory]


Confirmations = dict[tuple[str, str, str, Decimal], ParameterConfirmation]


def _confirmations() -> Confirmations:
    return {
        (row.name, row.region, row.start.isoformat(), row.value): row
        for row in ParameterConfirmation.objects.select_related("created_by")
    }


def _shipped(name: str, region: str, confirmations: Confirmations) -> list[DatedValue]:
    values = []
    node = parameter_node(rules().parameters, name).children[region]
    for v in node.values_list:
        if v.value is None:
            continue
        label, reference = str(v.metadata.get("label", "")), str(v.metadata.get("reference", ""))
        status, confirmed_by = CITED, ""
        if is_assumption(v.metadata):
            confirmed = confirmations.get((name, region, v.instant_str, Decimal(str(v.value))))
            if confirmed is None:
                status = UNCONFIRMED
            else:
                status, confirmed_by = CONFIRMED, str(confirmed.created_by)
                label = confirmed.label
                reference = citation(
                    title=confirmed.document_title,
                    issuer=confirmed.document_issuer,
                    date=confirmed.document_date,
                )
        values.append(
            DatedValue(
                v.instant_str, plain_number(v.value), label, reference, "", status, confirmed_by
            )
        )
    return values


def parameter_histories() -> list[ParameterHistory]:
    """Every public parameter with its values per region, newest first (two queries)."""
    added: dict[tuple[str, str], list[DatedValue]] = {}
    for row in ParameterValue.objects.select_related("created_by"):
        added.setdefault((row.name, row.region), []).append(
            DatedValue(
                row.start.isoformat(),
                plain_number(float(row.value)),
                row.label,
                row.reference,
                str(row.created_by),
            )
        )
    confirmations = _confirmations()
    histories = []
    for name in PARAMETER_NAMES:
        node = parameter_node(rules().parameters, name)
        regions = []
        for region, region_name in REGIONS.items():
            shipped = _shipped(name, region, confirmations)
            values = sorted([*shipped, *added.get((name, region), [])], key=lambda v: v.start)
            regions.append(RegionHistory(region, region_name, values[::-1]))
        histories.append(
            ParameterHistory(name, parameter_label(name), str(node.description or ""), regions)
        )
    return histories


def parameter_proposals_pending() -> QuerySet[ParameterChangeProposal]:
    """Back-dated or current-month values waiting for a second county admin, oldest first."""
    return (
        ParameterChangeProposal.objects.filter(status=ProposalStatus.PROPOSED)
        .select_related("proposed_by", "whatif")
        .order_by("created_at")
    )


def parameter_proposal(*, proposal_id: uuid.UUID) -> ParameterChangeProposal | None:
    return (
        ParameterChangeProposal.objects.select_related(
            "proposed_by", "decided_by", "whatif", "added_value"
        )
        .filter(pk=proposal_id)
        .first()
    )
