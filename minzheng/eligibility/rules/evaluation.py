"""Evaluating every programme for a table of cases, vectorised.

Cases are grouped by their ``as_of`` date (each date is one OpenFisca period, so parameters are
read as they stood that day); within a date, every household is computed at once. The only
Python loop is over distinct dates, never over households.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from minzheng.eligibility.rules.changes import PARAMETER_NAMES, parameter_node, value_in_force
from minzheng.eligibility.rules.provenance import is_assumption
from minzheng.eligibility.rules.reasons import BIT
from minzheng.eligibility.rules.table import CaseTable
from minzheng.eligibility.rules.variables.inputs import DisabilityKind, ResidenceStatus

PROGRAMMES: tuple[str, ...] = ("tekun", "dibao", "dibao_single", "dibao_edge", "rigid_expenditure")

_HOUSEHOLD_INPUTS = (
    "support_received_monthly",
    "financial_assets",
    "vehicle_value_max",
    "dwellings",
    "rigid_expenditure_annual",
    "has_capable_supporter",
    "financial_assets_unverified",
    "support_received_unverified",
    "has_capable_supporter_unverified",
)
_PERSON_INPUTS = ("monthly_income", "disability_grade", "serious_illness")


@dataclass(frozen=True)
class ProgrammeColumns:
    eligible: NDArray[np.bool_]
    monthly_amount: NDArray[np.int64]
    reasons: NDArray[np.int64]  # bit sets, see reasons.py
    # Facts the determination waits for (bit sets, see facts.py); where set, the programme is
    # 待核对: neither eligible nor refused, and no amount.
    unverified_facts: NDArray[np.int64]

    @property
    def pending(self) -> NDArray[np.bool_]:
        waiting: NDArray[np.bool_] = self.unverified_facts != 0
        return waiting


@dataclass(frozen=True)
class ParameterInForce:
    value: float
    label: str  # e.g. 湖州市 2024 年标准
    reference: str
    since: str  # the date the value holds from

    @property
    def is_assumption(self) -> bool:
        """A value no published document gives: the project's assumption (marked MODEL)."""
        return is_assumption({"label": self.label, "reference": self.reference})


@dataclass(frozen=True)
class Evaluation:
    """Results per household row of the evaluated table."""

    resident_count: NDArray[np.int64]
    income_cents: NDArray[np.float64]
    programmes: Mapping[str, ProgrammeColumns]
    # Values in force per (as_of, region); each household's are at its own key.
    parameters: Mapping[tuple[date, str], Mapping[str, ParameterInForce]]

    def per_capita_income_cents(self) -> NDArray[np.float64]:
        """I / n rounded half up to the cent (0 when nobody counts)."""
        n = np.maximum(self.resident_count, 1)
        rounded: NDArray[np.float64] = np.floor((2 * self.income_cents + n) / (2 * n))
        return rounded


def evaluate(table: CaseTable, system: TaxBenefitSystem) -> Evaluation:
    """Every programme for every household of ``table`` under ``system``'s parameters."""
    count = table.household_count
    resident_count = np.zeros(count, dtype=np.int64)
    income = np.zeros(count, dtype=np.float64)
    programmes = {
        name: ProgrammeColumns(
            np.zeros(count, dtype=bool),
            np.zeros(count, dtype=np.int64),
            np.zeros(count, np.int64),
            np.zeros(count, np.int64),
        )
        for name in PROGRAMMES
    }
    parameters: dict[tuple[date, str], dict[str, ParameterInForce]] = {}
    as_of = table.households.as_of
    # OpenFisca cannot sum over a group with no members at all; a household nobody belongs to
    # any more (everyone died or left) is judged here: nobody counts, no programme holds.
    members = np.bincount(table.persons.household_index, minlength=count)
    empty = np.flatnonzero(members == 0)
    income[empty] = np.round(table.households.support_received_monthly[empty] * 100)
    for columns in programmes.values():
        columns.reasons[empty] = BIT["no_resident_member"]
    for day in np.unique(as_of[members > 0]):
        rows = np.flatnonzero((as_of == day) & (members > 0))
        part = table if len(rows) == count else table.take(rows)
        simulation = _simulation(part, system, day)
        period = str(day)
        resident_count[rows] = simulation.calculate("resident_count", period)
        income[rows] = simulation.calculate("household_income_cents", period)
        for name, columns in programmes.items():
            columns.eligible[rows] = simulation.calculate(f"{name}_eligible", period)
            columns.monthly_amount[rows] = simulation.calculate(f"{name}_amount", period)
            columns.reasons[rows] = simulation.calculate(f"{name}_reasons", period)
            waiting = simulation.calculate(f"{name}_unverified_facts", period)
            columns.unverified_facts[rows] = waiting
            # Read as 待核对: an unverified fact was taken at its most favourable value, so
            # "eligible" here only means "eligible if the household's facts are as assumed".
            columns.eligible[rows] &= waiting == 0
            columns.monthly_amount[rows] = np.where(waiting == 0, columns.monthly_amount[rows], 0)
        judged_on = day.astype(date)
        for region in np.unique(part.households.region):
            parameters[(judged_on, str(region))] = parameters_in_force(system, judged_on, region)
    for row in empty.tolist():
        key = (as_of[row].astype(date), str(table.households.region[row]))
        if key not in parameters:
            parameters[key] = parameters_in_force(system, *key)
    return Evaluation(resident_count, income, programmes, parameters)


def parameters_in_force(
    system: TaxBenefitSystem, day: date, region: str
) -> dict[str, ParameterInForce]:
    """Each public parameter's value for ``region`` on ``day``, with its source."""
    result = {}
    for name in PARAMETER_NAMES:
        held = value_in_force(parameter_node(system.parameters, name).children[region], day)
        if held is None or held.value is None:
            continue
        result[name] = ParameterInForce(
            value=float(held.value),
            label=str(held.metadata.get("label", "")),
            reference=str(held.metadata.get("reference", "")),
            since=held.instant_str,
        )
    return result


def _simulation(table: CaseTable, system: TaxBenefitSystem, day: np.datetime64):  # type: ignore[no-untyped-def]
    households, persons = table.households, table.persons
    builder = SimulationBuilder()
    builder.create_entities(system)
    # Set directly rather than through declare_*/join_with_persons, which build Python lists
    # and a role per person by numpy.select: a second per million persons. Members of a case
    # are adjacent and households are numbered from 0, as those helpers would leave them.
    person_count, household_count = len(persons.member_id), len(households.case_id)
    people = builder.populations["person"]
    people.ids, people.count = np.arange(person_count), person_count
    builder.persons_plural = people.entity.plural
    group = builder.populations["household"]
    group.ids, group.count = np.arange(household_count), household_count
    group.members_entity_id = persons.household_index
    role = group.entity.flattened_roles[0]
    group.members_role = np.full(person_count, role, dtype=object)
    simulation = builder.build(system)
    period = str(day)
    simulation.set_input("region", period, households.region.astype("S6"))
    for name in _HOUSEHOLD_INPUTS:
        simulation.set_input(name, period, getattr(households, name))
    simulation.set_input("birth_date", period, persons.birth_date)
    for name in _PERSON_INPUTS:
        simulation.set_input(name, period, getattr(persons, name))
    simulation.set_input(
        "residence_status", period, EnumArray(persons.residence_status, ResidenceStatus)
    )
    simulation.set_input(
        "disability_kind", period, EnumArray(persons.disability_kind, DisabilityKind)
    )
    return simulation
