"""五型三色, computed in bulk with Ibis: the same expression runs on DuckDB, PostgreSQL or Spark.

Input: a persons table and a households table (columns below) registered on an Ibis backend.
Output: one row per household in difficulty (at least one type) with its types, primary type,
score, colour and the indicators that caused them, as bit sets so the result stays columnar.
The model (weights, thresholds) is data: ``rule_values.yaml`` (ADR 0034; every number an
assumption a county admin confirms, since no public text defines 五型三色).

persons:    household int64, age int64, income float64 (monthly), severe bool, can_work bool
households: household int64, size int64, income float64 (monthly, members' sum),
            standard float64 (低保标准 S), edge_line float64 (低边 line per person),
            rigid_annual float64, eligible_subsistence bool (特困/低保/单人保 by the rules),
            eligible_rigid bool (支出型 by the rules), and one int64 column per signal of
            ``signals.SIGNALS`` (emergencies, arrears, in_register, exited, refused)
"""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ibis
import ibis.expr.types as ir

from minzheng.core.rule_values import RULE_FILE_NAME, load

MODEL_FILE = Path(__file__).with_name(RULE_FILE_NAME)
MODEL_VERSION = "2024.1"

# The five types in order of precedence for the primary one (急难 first: it cannot wait).
TYPES: tuple[str, ...] = ("emergency", "subsistence", "rigid", "care", "development")
COLOURS: tuple[str, ...] = ("green", "yellow", "red")
# Indicators, each a fact a caseworker can check; codes are stable (stored as bits).
INDICATORS: tuple[str, ...] = (
    "income_below_standard",
    "income_below_edge_line",
    "medical_spending_high",
    "rigid_burden_high",
    "elder_alone",
    "severe_disability",
    "minors_without_adult",
    "working_age_without_income",
    "no_labour_capacity_household",
    "eligible_subsistence",
    "eligible_rigid",
    "income_after_rigid_very_low",
    "recent_emergency",
    "utility_arrears",
    "in_register",
    "exited_recently",
    "refused_recently",
)


@dataclass(frozen=True)
class ProfileModel:
    version: str
    thresholds: Mapping[str, float]
    weights: Mapping[str, float]


@cache
def default_model() -> ProfileModel:
    """The shipped model: the newest shipped value of each ``thresholds.*`` and ``weights.*``."""
    shipped = load(MODEL_FILE)
    numbers = {name: float(shipped.number(name)) for name in shipped.names()}
    return ProfileModel(
        MODEL_VERSION,
        {
            n.removeprefix("thresholds."): v
            for n, v in numbers.items()
            if n.startswith("thresholds.")
        },
        {n.removeprefix("weights."): v for n, v in numbers.items() if n.startswith("weights.")},
    )


def _bits(flags: Mapping[str, ir.BooleanValue], codes: tuple[str, ...]) -> ir.IntegerValue:
    total: ir.IntegerValue = ibis.literal(0, type="int64")
    for position, code in enumerate(codes):
        if code in flags:
            total = total + flags[code].ifelse(1 << position, 0)
    return total


def profile_table(
    persons: ir.Table, households: ir.Table, model: ProfileModel | None = None
) -> ir.Table:
    """Households in difficulty with ``types``, ``primary``, ``score``, ``colour``, ``reasons``."""
    model = model or default_model()
    limit, weight = model.thresholds, model.weights
    members = persons.group_by("household").aggregate(
        elders=(persons.age >= int(limit["elder_age"])).sum(),
        severe=persons.severe.sum(),
        adults=(persons.age >= 18).sum(),
        minors=(persons.age < 18).sum(),
        idle=(persons.can_work & (persons.income <= 0)).sum(),
        workers=persons.can_work.sum(),
    )
    h = households.left_join(members, "household")
    need = h.standard * h.size
    after_rigid = h.income - h.rigid_annual / 12
    facts: dict[str, ir.BooleanValue] = {
        "income_below_standard": h.income < need,
        "income_below_edge_line": h.income < h.edge_line * h.size,
        "medical_spending_high": h.rigid_annual >= limit["medical_spending_annual"],
        "rigid_burden_high": (h.rigid_annual >= limit["rigid_minimum_annual"])
        & (h.rigid_annual > h.income * 12 * limit["rigid_share_of_income"]),
        "elder_alone": (h.size == 1) & (h.elders.fill_null(0) >= 1),
        "severe_disability": h.severe.fill_null(0) >= 1,
        "minors_without_adult": (h.minors.fill_null(0) >= 1) & (h.adults.fill_null(0) == 0),
        "working_age_without_income": (h.idle.fill_null(0) >= 1)
        & (h.income < h.edge_line * h.size),
        "no_labour_capacity_household": h.workers.fill_null(0) == 0,
        "eligible_subsistence": h.eligible_subsistence,
        "eligible_rigid": h.eligible_rigid,
        "income_after_rigid_very_low": (h.rigid_annual >= limit["rigid_minimum_annual"])
        & (after_rigid < need * limit["red_after_rigid_ratio"]),
        "recent_emergency": h.emergencies >= 1,
        "utility_arrears": h.arrears >= 1,
        "in_register": h.in_register >= 1,
        "exited_recently": h.exited >= 1,
        "refused_recently": h.refused >= 1,
    }
    types = {
        "emergency": facts["recent_emergency"],
        "subsistence": facts["eligible_subsistence"]
        | facts["income_below_standard"]
        | facts["in_register"],
        "rigid": facts["medical_spending_high"]
        | facts["rigid_burden_high"]
        | facts["eligible_rigid"],
        "care": facts["elder_alone"] | facts["severe_disability"] | facts["minors_without_adult"],
        "development": facts["working_age_without_income"],
    }
    raw_score: ir.NumericValue = ibis.literal(0.0)
    for code, points in weight.items():
        raw_score = raw_score + facts[code].ifelse(float(points), 0.0)
    score = ibis.least(raw_score, 100.0).round().cast("int64")
    # Domain §2.3's hard triggers: any one makes the household red whatever its score.
    hard_red = (
        facts["recent_emergency"]
        | facts["minors_without_adult"]
        | (facts["elder_alone"] & facts["severe_disability"])
        | facts["income_after_rigid_very_low"]
    )
    colour = (
        ibis.cases(
            (hard_red | (score >= int(limit["red_score"])), 2),
            ((score >= int(limit["yellow_score"])) | facts["severe_disability"], 1),
            else_=0,
        )
    ).cast("int64")
    primary = ibis.cases(*[(types[name], index) for index, name in enumerate(TYPES)], else_=-1)
    result = h.select(
        household=h.household,
        types=_bits(types, TYPES),
        primary=primary.cast("int64"),
        score=score,
        colour=colour,
        reasons=_bits(facts, INDICATORS),
    )
    return result.filter(result.types > 0)
