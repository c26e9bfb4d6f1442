"""最低生活保障 (低保), 单人保 and 低保边缘.

Legal basis: 《社会救助暂行办法》(国务院令第 649 号) Art. 9 and Art. 12 (补差: the monthly
difference between the standard and per-capita income); 《最低生活保障审核确认办法》(民政部 2021)
on 单人保 for 重残重病 members of a 低保边缘 family and on the 低保边缘 line (1.5 × S).
"""

import numpy as np
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from minzheng.eligibility.rules.entities import Household
from minzheng.eligibility.rules.money import RATIO_SCALE, ceil_div, ratio_units, yuan_ceil
from minzheng.eligibility.rules.reasons import condition_bits
from minzheng.eligibility.rules.regions import regional
from minzheng.eligibility.rules.sources import DIBAO, DIBAO_AMOUNT, EDGE, SEVERE
from minzheng.eligibility.rules.variables.conditions import (
    assets_reason_bits,
    edge_bits,
    judged_bits,
    standard_income_bits,
)


def _judged(household, period):  # type: ignore[no-untyped-def]
    """Households the programmes below may take: someone counts and 特困 does not cover them."""
    return household("has_residents", period) * ~household("tekun_eligible", period)


class dibao_eligible(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY
    label = "符合低保条件"
    reference = DIBAO

    def formula_2024_01_01(household, period, parameters):
        return (
            _judged(household, period)
            * household("income_below_standard", period)
            * household("assets_pass", period)
        )


class dibao_amount(Variable):
    value_type = int
    entity = Household
    definition_period = DAY
    label = "低保金（元/月）= ceil(S × n − I)"
    reference = DIBAO_AMOUNT

    def formula_2024_01_01(household, period, parameters):
        shortfall = household("standard_cents", period) * household(
            "resident_count", period
        ) - household("household_income_cents", period)
        amount = np.maximum(yuan_ceil(shortfall), 0)
        return np.where(household("dibao_eligible", period), amount, 0)


class dibao_reasons(Variable):
    value_type = int
    entity = Household
    definition_period = DAY
    label = "低保判定理由（位集）"
    reference = DIBAO

    def formula_2024_01_01(household, period, parameters):
        bits = standard_income_bits(household, period, pass_when_below=True) + assets_reason_bits(
            household, period
        )
        return judged_bits(household, period, bits, after_tekun=True)


class severe_member_count(Variable):
    value_type = int
    entity = Household
    definition_period = DAY
    label = "重残或重病的共同生活成员人数"
    reference = SEVERE

    def formula(household, period, parameters):
        members = household.members
        return household.sum(
            members("is_resident", period) * members("has_severe_condition", period)
        )


class dibao_single_eligible(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY
    label = "符合单人保条件"
    reference = SEVERE

    def formula_2024_01_01(household, period, parameters):
        return (
            _judged(household, period)
            * ~household("income_below_standard", period)
            * household("income_below_edge_line", period)
            * household("assets_pass", period)
            * (household("severe_member_count", period) >= 1)
        )


class dibao_single_amount(Variable):
    value_type = int
    entity = Household
    definition_period = DAY
    label = "单人保金额（元/月）= 每名重残重病成员 ceil(比例 × S)"
    reference = SEVERE

    def formula_2024_01_01(household, period, parameters):
        ratio = ratio_units(
            regional(parameters(period).dibao.single_person_ratio, household, period)
        )
        per_member = ceil_div(ratio * household("standard_cents", period), RATIO_SCALE * 100)
        amount = per_member * household("severe_member_count", period)
        return np.where(household("dibao_single_eligible", period), amount, 0)


class dibao_single_reasons(Variable):
    value_type = int
    entity = Household
    definition_period = DAY
    label = "单人保判定理由（位集）"
    reference = SEVERE

    def formula_2024_01_01(household, period, parameters):
        bits = edge_bits(household, period) + condition_bits(
            household("severe_member_count", period) >= 1,
            "severe_condition_member",
            "no_severe_condition_member",
        )
        return judged_bits(household, period, bits, after_tekun=True)


class dibao_edge_eligible(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY
    label = "符合低保边缘条件"
    reference = EDGE

    def formula_2024_01_01(household, period, parameters):
        return (
            _judged(household, period)
            * ~household("dibao_eligible", period)
            * household("income_below_edge_line", period)
            * household("assets_pass", period)
        )


class dibao_edge_amount(Variable):
    value_type = int
    entity = Household
    definition_period = DAY
    label = "低保边缘无现金（0 元），身份用于申请专项救助"
    reference = EDGE

    def formula_2024_01_01(household, period, parameters):
        return np.zeros(household.count, dtype=np.int32)


class dibao_edge_reasons(Variable):
    value_type = int
    entity = Household
    definition_period = DAY
    label = "低保边缘判定理由（位集）"
    reference = EDGE

    def formula_2024_01_01(household, period, parameters):
        return judged_bits(household, period, edge_bits(household, period), after_tekun=True)
