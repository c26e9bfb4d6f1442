"""支出型低保 (刚性支出困难家庭).

Legal basis: 民政部《刚性支出困难家庭认定办法》(2024-10-24): per-capita income below last
year's local per-capita disposable income, property within limits, and necessary spending that
leaves the family below the line. The formula used by default is a public county system's
(MODEL, ``docs/eligibility-spec.md``): h ≥ S, h < G / 12 and h − X / (12 × n) < S.
"""

import numpy as np
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from minzheng.eligibility.rules.entities import Household
from minzheng.eligibility.rules.money import ceil_div, cents
from minzheng.eligibility.rules.reasons import condition_bits
from minzheng.eligibility.rules.regions import regional
from minzheng.eligibility.rules.sources import RIGID_RULE
from minzheng.eligibility.rules.variables.conditions import (
    assets_reason_bits,
    judged_bits,
    standard_income_bits,
)


class income_below_disposable_income(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY
    label = "人均月收入低于上年度人均可支配收入的十二分之一 (h < G / 12)"
    reference = RIGID_RULE

    def formula_2024_01_01(household, period, parameters):
        g = cents(regional(parameters(period).rigid.disposable_income_last_year, household, period))
        income = household("household_income_cents", period)
        return 12 * income < g * household("resident_count", period)


class rigid_shortfall_cents(Variable):
    value_type = float
    entity = Household
    definition_period = DAY
    label = "扣除刚性支出后的月缺口 × 12（分）：12 × (S × n − I) + X"
    reference = RIGID_RULE

    def formula_2024_01_01(household, period, parameters):
        n = household("resident_count", period)
        income = household("household_income_cents", period)
        spend = cents(household("rigid_expenditure_annual", period))
        return 12 * (household("standard_cents", period) * n - income) + spend


class income_after_rigid_below_standard(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY
    label = "扣除刚性支出后人均收入低于低保标准 (h − X / (12 × n) < S)"
    reference = RIGID_RULE

    def formula_2024_01_01(household, period, parameters):
        return household("rigid_shortfall_cents", period) > 0


class rigid_expenditure_eligible(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY
    label = "符合支出型低保条件"
    reference = RIGID_RULE

    def formula_2024_01_01(household, period, parameters):
        return (
            household("has_residents", period)
            * ~household("tekun_eligible", period)
            * ~household("income_below_standard", period)
            * household("income_below_disposable_income", period)
            * household("income_after_rigid_below_standard", period)
            * household("assets_pass", period)
        )


class rigid_expenditure_amount(Variable):
    value_type = int
    entity = Household
    definition_period = DAY
    label = "支出型低保金（元/月）= min(ceil(S × n − (I − X / 12)), ceil(S × n))"
    reference = RIGID_RULE

    def formula_2024_01_01(household, period, parameters):
        full = household("standard_cents", period) * household("resident_count", period)
        amount = np.minimum(
            ceil_div(household("rigid_shortfall_cents", period), 1200), ceil_div(full, 100)
        )
        return np.where(household("rigid_expenditure_eligible", period), amount, 0)


class rigid_expenditure_reasons(Variable):
    value_type = int
    entity = Household
    definition_period = DAY
    label = "支出型低保判定理由（位集）"
    reference = RIGID_RULE

    def formula_2024_01_01(household, period, parameters):
        bits = (
            standard_income_bits(household, period, pass_when_below=False)
            + condition_bits(
                household("income_below_disposable_income", period),
                "income_below_disposable_income",
                "income_not_below_disposable_income",
            )
            + condition_bits(
                household("income_after_rigid_below_standard", period),
                "income_after_rigid_below_standard",
                "income_after_rigid_not_below_standard",
            )
            + assets_reason_bits(household, period)
        )
        return judged_bits(household, period, bits, after_tekun=True)
