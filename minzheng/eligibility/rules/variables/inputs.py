"""What a case says about its members and its household (the spec's input fields)."""

from datetime import date

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DAY, ETERNITY
from openfisca_core.variables import Variable

from minzheng.eligibility.rules.entities import Household, Person
from minzheng.eligibility.rules.sources import (
    HOUSEHOLD,
    INCOME,
    PROPERTY,
    RIGID_RULE,
    SEVERE,
    STANDARD,
    SUPPORTER_RULE,
)


class ResidenceStatus(Enum):
    """Only ``resident`` members count in the household's size and income."""

    resident = "共同生活"
    prison = "服刑"
    religious_away = "宗教教职人员离家"
    missing = "宣告失踪"


class DisabilityKind(Enum):
    none = "无"
    physical = "肢体"
    visual = "视力"
    hearing = "听力"
    speech = "言语"
    intellectual = "智力"
    mental = "精神"
    multiple = "多重"


class birth_date(Variable):
    value_type = date
    entity = Person
    definition_period = ETERNITY
    default_value = date(1970, 1, 1)
    label = "出生日期"
    reference = HOUSEHOLD


class residence_status(Variable):
    value_type = Enum
    possible_values = ResidenceStatus
    default_value = ResidenceStatus.resident
    entity = Person
    definition_period = DAY
    label = "居住状态"
    reference = HOUSEHOLD


class monthly_income(Variable):
    value_type = float
    entity = Person
    definition_period = DAY
    label = "月可计算收入（元），豁免项目已由调用方剔除"
    reference = INCOME


class disability_grade(Variable):
    value_type = int
    entity = Person
    definition_period = DAY
    label = "残疾等级 1–4，0 表示无"
    reference = SEVERE


class disability_kind(Variable):
    value_type = Enum
    possible_values = DisabilityKind
    default_value = DisabilityKind.none
    entity = Person
    definition_period = DAY
    label = "残疾类别"
    reference = SEVERE


class serious_illness(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "患重特大疾病"
    reference = SEVERE


class region(Variable):
    value_type = str
    max_length = 6
    entity = Household
    definition_period = ETERNITY
    label = "行政区划代码（参数按此取值）"
    reference = STANDARD


class support_received_monthly(Variable):
    value_type = float
    entity = Household
    definition_period = DAY
    label = "每月获得的赡养、扶养、抚养费（元）"
    reference = INCOME


class financial_assets(Variable):
    value_type = float
    entity = Household
    definition_period = DAY
    label = "家庭金融资产（元）"
    reference = PROPERTY


class vehicle_value_max(Variable):
    value_type = float
    entity = Household
    definition_period = DAY
    label = "非残疾人功能性车辆中价值最高的一辆（元），没有则为 0"
    reference = PROPERTY


class dwellings(Variable):
    value_type = int
    entity = Household
    definition_period = DAY
    label = "住房套数"
    reference = PROPERTY


class rigid_expenditure_annual(Variable):
    value_type = float
    entity = Household
    definition_period = DAY
    label = "年度刚性支出 X（元）"
    reference = RIGID_RULE


class has_capable_supporter(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY
    label = "有在外居住且有赡养、扶养能力的法定义务人"
    reference = SUPPORTER_RULE
