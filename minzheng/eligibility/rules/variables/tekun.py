"""特困人员救助供养.

Legal basis: 《社会救助暂行办法》(国务院令第 649 号) Art. 14 — 无劳动能力、无生活来源、无法定赡养
抚养扶养义务人或者其法定义务人无履行义务能力; 《特困人员认定办法》(民政部 2021). 特困 is judged on
the whole household and takes precedence over every other programme.
"""

import numpy as np
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from minzheng.eligibility.rules.entities import Household
from minzheng.eligibility.rules.money import cents, yuan_ceil
from minzheng.eligibility.rules.reasons import condition_bits
from minzheng.eligibility.rules.regions import regional
from minzheng.eligibility.rules.sources import LABOUR, TEKUN_RULE
from minzheng.eligibility.rules.variables.conditions import assets_reason_bits, judged_bits


class tekun_all_without_labour_capacity(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY
    label = "每名共同生活成员均无劳动能力"
    reference = LABOUR

    def formula_2024_01_01(household, period, parameters):
        members = household.members
        counts_and_can_work = members("is_resident", period) * ~members(
            "has_no_labour_capacity", period
        )
        return ~household.any(counts_and_can_work)


class tekun_all_incomes_below_standard(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY
    label = "每名共同生活成员本人月收入均低于低保标准"
    reference = TEKUN_RULE

    def formula_2024_01_01(household, period, parameters):
        members = household.members
        standard = members.household("standard_cents", period)
        earns_too_much = members("monthly_income_cents", period) >= standard
        return ~household.any(members("is_resident", period) * earns_too_much)


class tekun_eligible(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY
    label = "符合特困供养条件"
    reference = TEKUN_RULE

    def formula_2024_01_01(household, period, parameters):
        return (
            household("has_residents", period)
            * household("tekun_all_without_labour_capacity", period)
            * household("tekun_all_incomes_below_standard", period)
            * household("assets_pass", period)
            * ~household("has_capable_supporter", period)
        )


class tekun_amount(Variable):
    value_type = int
    entity = Household
    definition_period = DAY
    label = "特困供养金额（元/月）= 基本生活标准 × n"
    reference = TEKUN_RULE

    def formula_2024_01_01(household, period, parameters):
        basic = cents(regional(parameters(period).tekun.basic, household, period))
        amount = yuan_ceil(basic * household("resident_count", period))
        return np.where(household("tekun_eligible", period), amount, 0)


class tekun_reasons(Variable):
    value_type = int
    entity = Household
    definition_period = DAY
    label = "特困供养判定理由（位集）"
    reference = TEKUN_RULE

    def formula_2024_01_01(household, period, parameters):
        bits = (
            condition_bits(
                household("tekun_all_without_labour_capacity", period),
                "all_without_labour_capacity",
                "member_with_labour_capacity",
            )
            + condition_bits(
                household("tekun_all_incomes_below_standard", period),
                "all_incomes_below_standard",
                "member_income_not_below_standard",
            )
            + assets_reason_bits(household, period)
            + condition_bits(
                ~household("has_capable_supporter", period),
                "no_capable_supporter",
                "has_capable_supporter",
            )
        )
        return judged_bits(household, period, bits, after_tekun=False)
