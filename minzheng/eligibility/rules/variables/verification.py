"""待核对: which unverified facts each programme's determination still waits for.

See ``minzheng.eligibility.rules.facts``. ``<programme>_unverified_facts`` is a bit set of
facts, 0 when the programme is determined (it holds or fails on verified facts alone). The
conditions listed per programme are those its eligibility formula multiplies, each with the
facts it reads; 特困's precedence (and 低保's over 低边) is a condition reading the facts the
higher programme waits for.
"""

import numpy as np
from numpy.typing import NDArray
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from minzheng.eligibility.rules.entities import Household
from minzheng.eligibility.rules.facts import (
    FACT_BIT,
    FINANCIAL,
    SUPPORT,
    SUPPORTER,
    UNVERIFIED_INPUTS,
)
from minzheng.eligibility.rules.sources import SUPPORTER_RULE, VERIFICATION


class financial_assets_unverified(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY
    label = "金融资产未核对（没有银行答复，也没有申报）"
    reference = VERIFICATION


class support_received_unverified(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY
    label = "所获赡养费未核对（没有申报）"
    reference = VERIFICATION


class has_capable_supporter_unverified(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY
    label = "有无赡养能力的法定义务人未核对（没有申报）"
    reference = SUPPORTER_RULE


class unverified_facts(Variable):
    value_type = int
    entity = Household
    definition_period = DAY
    label = "未核对的事实（位集）"
    reference = VERIFICATION

    def formula(household, period, parameters):
        bits = np.zeros(household.count, dtype=np.int64)
        for fact, name in UNVERIFIED_INPUTS.items():
            bits = bits + np.where(household(name, period), FACT_BIT[fact], 0)
        return bits


# (holds, the facts it reads, whether the favourable value can only help it hold). Most
# conditions are such: more assets, more support or an able supporter only make them fail, so
# one that fails on the favourable value fails for sure. "h ≥ S" and another programme's
# precedence can go either way, so they rule nothing out while they read unverified facts.
Condition = tuple[NDArray[np.bool_], NDArray[np.int64] | int, bool]


def waiting_for(household, period, conditions: list[Condition]) -> NDArray[np.int64]:  # type: ignore[no-untyped-def]
    """The unverified facts the conditions read, or 0 where a condition surely fails."""
    unverified = household("unverified_facts", period)
    reads = np.zeros(household.count, dtype=np.int64)
    ruled_out = np.zeros(household.count, dtype=bool)
    for holds, facts, favourable in conditions:
        touched = np.bitwise_and(facts, unverified)
        reads = np.bitwise_or(reads, touched)
        surely_fails = ~holds if favourable else ~holds & (touched == 0)
        ruled_out = ruled_out | surely_fails
    return np.where(ruled_out, 0, reads)


def _assets(household, period) -> list[Condition]:  # type: ignore[no-untyped-def]
    return [
        (household("financial_assets_pass", period), FINANCIAL, True),
        (household("vehicle_pass", period), 0, True),
        (household("dwellings_pass", period), 0, True),
    ]


def _after_tekun(household, period) -> list[Condition]:  # type: ignore[no-untyped-def]
    return [
        (household("has_residents", period), 0, True),
        (
            ~household("tekun_eligible", period),
            household("tekun_unverified_facts", period),
            False,
        ),
    ]


def _edge_line(household, period) -> Condition:  # type: ignore[no-untyped-def]
    return household("income_below_edge_line", period), SUPPORT, True


class tekun_unverified_facts(Variable):
    value_type = int
    entity = Household
    definition_period = DAY
    label = "特困供养待核对的事实（位集）"
    reference = VERIFICATION

    def formula_2024_01_01(household, period, parameters):
        return waiting_for(
            household,
            period,
            [
                (household("has_residents", period), 0, True),
                (household("tekun_all_without_labour_capacity", period), 0, True),
                # 本人收入 only: support received counts in the household's income, not here.
                (household("tekun_all_incomes_below_standard", period), 0, True),
                *_assets(household, period),
                (~household("has_capable_supporter", period), SUPPORTER, True),
            ],
        )


class dibao_unverified_facts(Variable):
    value_type = int
    entity = Household
    definition_period = DAY
    label = "低保待核对的事实（位集）"
    reference = VERIFICATION

    def formula_2024_01_01(household, period, parameters):
        return waiting_for(
            household,
            period,
            [
                *_after_tekun(household, period),
                (household("income_below_standard", period), SUPPORT, True),
                *_assets(household, period),
            ],
        )


class dibao_single_unverified_facts(Variable):
    value_type = int
    entity = Household
    definition_period = DAY
    label = "单人保待核对的事实（位集）"
    reference = VERIFICATION

    def formula_2024_01_01(household, period, parameters):
        return waiting_for(
            household,
            period,
            [
                *_after_tekun(household, period),
                # h ≥ S: support not yet declared could lift the income over the standard.
                (~household("income_below_standard", period), SUPPORT, False),
                _edge_line(household, period),
                *_assets(household, period),
                (household("severe_member_count", period) >= 1, 0, True),
            ],
        )


class dibao_edge_unverified_facts(Variable):
    value_type = int
    entity = Household
    definition_period = DAY
    label = "低保边缘待核对的事实（位集）"
    reference = VERIFICATION

    def formula_2024_01_01(household, period, parameters):
        return waiting_for(
            household,
            period,
            [
                *_after_tekun(household, period),
                (
                    ~household("dibao_eligible", period),
                    household("dibao_unverified_facts", period),
                    False,
                ),
                _edge_line(household, period),
                *_assets(household, period),
            ],
        )


class rigid_expenditure_unverified_facts(Variable):
    value_type = int
    entity = Household
    definition_period = DAY
    label = "支出型低保待核对的事实（位集）"
    reference = VERIFICATION

    def formula_2024_01_01(household, period, parameters):
        return waiting_for(
            household,
            period,
            [
                *_after_tekun(household, period),
                (~household("income_below_standard", period), SUPPORT, False),
                (household("income_below_disposable_income", period), SUPPORT, True),
                (household("income_after_rigid_below_standard", period), SUPPORT, True),
                *_assets(household, period),
            ],
        )
