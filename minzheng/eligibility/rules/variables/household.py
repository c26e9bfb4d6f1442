"""The facts every programme uses: who counts, what they earn, what they own.

Legal basis: 《社会救助暂行办法》(国务院令第 649 号) Art. 9 (低保 judged on 共同生活的家庭成员's
per-capita income and property) and 《最低生活保障审核确认办法》(民政部 2021) on who counts as a
family member. Money is in whole cents (``money.py``).
"""

import numpy as np
from openfisca_core.periods import DAY, ETERNITY
from openfisca_core.variables import Variable

from minzheng.eligibility.rules.entities import Household, Person
from minzheng.eligibility.rules.money import RATIO_SCALE, cents, ratio_units
from minzheng.eligibility.rules.regions import region_indices, regional
from minzheng.eligibility.rules.sources import (
    DIBAO,
    EDGE,
    HOUSEHOLD,
    INCOME,
    LABOUR,
    PROPERTY,
    SEVERE,
    STANDARD,
)
from minzheng.eligibility.rules.variables.inputs import DisabilityKind, ResidenceStatus

# Grade 3 disabilities that still count as severe / as no labour capacity (spec: Definitions).
_GRADE_3_SEVERE_KINDS = (DisabilityKind.intellectual, DisabilityKind.mental)


class region_index(Variable):
    value_type = int
    entity = Household
    definition_period = ETERNITY
    label = "行政区划在参数表中的序号"
    reference = STANDARD

    def formula(household, period, parameters):
        return region_indices(household("region", period))


class age(Variable):
    value_type = int
    entity = Person
    definition_period = DAY
    label = "周岁（截至判定日）"
    reference = LABOUR

    def formula(person, period, parameters):
        born = person("birth_date", period)
        as_of = period.start.date
        birth_year = born.astype("datetime64[Y]").astype(int) + 1970
        birth_month = born.astype("datetime64[M]").astype(int) % 12 + 1
        birth_day = (born - born.astype("datetime64[M]")).astype(int) + 1
        birthday_to_come = birth_month * 100 + birth_day > as_of.month * 100 + as_of.day
        return as_of.year - birth_year - birthday_to_come


class is_resident(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "计入共同生活家庭成员"
    reference = HOUSEHOLD

    def formula(person, period, parameters):
        return person("residence_status", period) == ResidenceStatus.resident


def _grade_1_2_or_severe_grade_3(person, period):
    grade = person("disability_grade", period)
    kind = person("disability_kind", period)
    grade_3_severe = (grade == 3) * np.isin(kind, [k.index for k in _GRADE_3_SEVERE_KINDS])
    return ((grade >= 1) * (grade <= 2)) + grade_3_severe


class has_no_labour_capacity(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "无劳动能力"
    reference = LABOUR

    def formula(person, period, parameters):
        years = person("age", period)
        return (years >= 60) + (years < 16) + _grade_1_2_or_severe_grade_3(person, period)


class has_severe_condition(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "重残或重病"
    reference = SEVERE

    def formula(person, period, parameters):
        return _grade_1_2_or_severe_grade_3(person, period) + person("serious_illness", period)


class monthly_income_cents(Variable):
    value_type = float
    entity = Person
    definition_period = DAY
    label = "月可计算收入（分）"
    reference = INCOME

    def formula(person, period, parameters):
        return cents(person("monthly_income", period))


class resident_count(Variable):
    value_type = int
    entity = Household
    definition_period = DAY
    label = "共同生活家庭成员人数 n"
    reference = HOUSEHOLD

    def formula(household, period, parameters):
        return household.sum(household.members("is_resident", period))


class household_income_cents(Variable):
    value_type = float
    entity = Household
    definition_period = DAY
    label = "家庭月收入 I（分）：成员收入加所获赡养费"
    reference = INCOME

    def formula(household, period, parameters):
        members = household.members
        earned = household.sum(
            members("monthly_income_cents", period) * members("is_resident", period)
        )
        return earned + cents(household("support_received_monthly", period))


class standard_cents(Variable):
    value_type = float
    entity = Household
    definition_period = DAY
    label = "低保标准 S（分）"
    reference = STANDARD

    def formula(household, period, parameters):
        return cents(regional(parameters(period).dibao.standard, household, period))


class has_residents(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY
    label = "至少一名共同生活成员 (n ≥ 1)"
    reference = HOUSEHOLD

    def formula(household, period, parameters):
        return household("resident_count", period) >= 1


class income_below_standard(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY
    label = "人均收入低于低保标准 (h < S)"
    reference = DIBAO

    def formula(household, period, parameters):
        n = household("resident_count", period)
        return household("household_income_cents", period) < household("standard_cents", period) * n


class income_below_edge_line(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY
    label = "人均收入低于低保边缘线 (h < 倍数 × S)"
    reference = EDGE

    def formula(household, period, parameters):
        n = household("resident_count", period)
        multiplier = ratio_units(
            regional(parameters(period).dibao.edge_multiplier, household, period)
        )
        line = household("standard_cents", period) * multiplier * n
        return household("household_income_cents", period) * RATIO_SCALE < line


class financial_assets_pass(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY
    label = "人均金融资产不超过规定月数的低保标准"
    reference = PROPERTY

    def formula(household, period, parameters):
        n = household("resident_count", period)
        months = ratio_units(
            regional(parameters(period).dibao.asset.financial_months, household, period)
        )
        limit = months * household("standard_cents", period) * n
        return cents(household("financial_assets", period)) * RATIO_SCALE <= limit


class vehicle_pass(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY
    label = "无超过限额的非残疾人功能性车辆"
    reference = PROPERTY

    def formula(household, period, parameters):
        cap = regional(parameters(period).dibao.asset.vehicle_value_cap, household, period)
        return cents(household("vehicle_value_max", period)) <= cents(cap)


class dwellings_pass(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY
    label = "住房套数不超过上限"
    reference = PROPERTY

    def formula(household, period, parameters):
        most = regional(parameters(period).dibao.asset.max_dwellings, household, period)
        return household("dwellings", period) <= most


class assets_pass(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY
    label = "家庭财产符合规定"
    reference = PROPERTY

    def formula(household, period, parameters):
        return (
            household("financial_assets_pass", period)
            * household("vehicle_pass", period)
            * household("dwellings_pass", period)
        )
