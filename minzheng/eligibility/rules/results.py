"""Evaluation columns back to the spec's result objects (the JSON ``evaluate`` writes)."""

from decimal import Decimal

import numpy as np

from minzheng.eligibility.rules import RULES_VERSION
from minzheng.eligibility.rules.evaluation import PROGRAMMES, Evaluation, ParameterInForce
from minzheng.eligibility.rules.facts import facts_of
from minzheng.eligibility.rules.reasons import decode
from minzheng.eligibility.rules.table import RESIDENCE_STATUS_INDEX, CaseTable

_RESIDENT = RESIDENCE_STATUS_INDEX["resident"]


def plain_number(value: float) -> int | float:
    """1145.0 → 1145, 1.5 → 1.5: parameter values as the YAML writes them."""
    return int(value) if float(value).is_integer() else float(value)


def parameter_values(parameters: dict[str, ParameterInForce]) -> dict[str, int | float]:
    return {name: plain_number(held.value) for name, held in parameters.items()}


def result_dicts(table: CaseTable, evaluation: Evaluation) -> list[dict[str, object]]:
    """One result per household row, in the spec's output format."""
    households, persons = table.households, table.persons
    resident_rows = np.flatnonzero(persons.residence_status == _RESIDENT)
    resident_ids: list[list[str]] = [[] for _ in range(table.household_count)]
    for person in resident_rows.tolist():
        resident_ids[persons.household_index[person]].append(str(persons.member_id[person]))
    per_capita = evaluation.per_capita_income_cents()
    values_by_key = {key: parameter_values(dict(p)) for key, p in evaluation.parameters.items()}
    sources_by_key = {
        key: {name: held.label for name, held in p.items()}
        for key, p in evaluation.parameters.items()
    }
    results: list[dict[str, object]] = []
    for row in range(table.household_count):
        programmes: dict[str, object] = {}
        for name in PROGRAMMES:
            columns = evaluation.programmes[name]
            entry: dict[str, object] = {
                "eligible": bool(columns.eligible[row]),
                "monthly_amount": int(columns.monthly_amount[row]),
                "reasons": decode(int(columns.reasons[row])),
                # 待核对: the facts (case paths) that must be verified or declared first.
                "pending": bool(columns.pending[row]),
                "missing_facts": facts_of(int(columns.unverified_facts[row])),
            }
            if name == "tekun":
                entry["members"] = resident_ids[row] if columns.eligible[row] else []
            programmes[name] = entry
        key = (households.as_of[row].astype(object), str(households.region[row]))
        results.append(
            {
                "case_id": households.case_id[row],
                "per_capita_income": float(Decimal(int(per_capita[row])) / 100),
                "programmes": programmes,
                "parameters": values_by_key[key],
                "parameter_sources": sources_by_key[key],
                "rules_version": RULES_VERSION,
            }
        )
    return results
