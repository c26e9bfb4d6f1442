"""What each department's feed carries: its linkage fields and its data items.

A feed row has the linkage fields (who the row is about) and the department's own columns
(what the department knows about them). The items below are the columns minzheng keeps; their
``key`` is also the default header in the file, which a saved column mapping can rename.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from minzheng.integration.enums import Department, ValueType

# Every linkage field a feed may carry, in file order. ``record_id`` is required in every feed:
# it is the department's own key for the row and what makes a re-import recognisable.
LINKAGE_FIELDS: tuple[str, ...] = (
    "record_id",
    "name",
    "id_number",
    "gender",
    "birth_date",
    "phone",
    "address",
)
LINKAGE_LABELS: dict[str, Promise] = {
    "record_id": _("记录编号"),
    "name": _("姓名"),
    "id_number": _("身份证号"),
    "gender": _("性别"),
    "birth_date": _("出生日期"),
    "phone": _("联系电话"),
    "address": _("地址"),
}


class Topic:
    """Headings of the 核对报告, in the order it shows them."""

    CIVIL = "civil"
    INCOME = "income"
    PENSION = "pension"
    PROPERTY = "property"
    VEHICLE = "vehicle"
    MEDICAL = "medical"
    DISABILITY = "disability"
    UTILITIES = "utilities"
    FINANCIAL = "financial"
    BUSINESS = "business"
    ASSISTANCE = "assistance"


TOPIC_LABELS: dict[str, Promise] = {
    Topic.CIVIL: _("户籍"),
    Topic.INCOME: _("就业与收入"),
    Topic.PENSION: _("养老金"),
    Topic.PROPERTY: _("房产"),
    Topic.VEHICLE: _("车辆"),
    Topic.MEDICAL: _("医疗支出"),
    Topic.DISABILITY: _("残疾"),
    Topic.UTILITIES: _("用电"),
    Topic.FINANCIAL: _("存款、理财与公积金"),
    Topic.BUSINESS: _("经营主体"),
    Topic.ASSISTANCE: _("在册救助"),
}


@dataclass(frozen=True)
class ItemSpec:
    key: str  # stable item kind, also the default column header
    label: Promise
    value_type: ValueType
    topic: str
    required: bool = False  # a row without it is invalid
    # The only values a text item may take (the source system's own words), when it has a list.
    choices: tuple[str, ...] = ()
    # Staged for the app that consumes the feed, never merged as a registry data item (nor
    # shown in the 核对报告): a recipient's bank account is such a value.
    private: bool = False


@dataclass(frozen=True)
class DepartmentSpec:
    department: Department
    # Linkage fields the feed is expected to carry besides record_id (电力 has no ID number).
    linkage: tuple[str, ...]
    items: tuple[ItemSpec, ...]
    # Link only against registry persons sharing a row's ID number (or, for a row whose ID
    # number is missing or fails its checks, its name), not against the whole jurisdiction:
    # for a file of people named by ID number (the roll) the same answer in a fraction of the
    # time (ADR 0021).
    reference_by_keys: bool = False

    def fields(self) -> tuple[str, ...]:
        """Every target field a column mapping can fill, linkage fields first."""
        return ("record_id", *self.linkage, *(item.key for item in self.items))

    def item(self, key: str) -> ItemSpec:
        return next(item for item in self.items if item.key == key)


# The roll's words for its programmes and 特困 care tiers, as the provincial system exports them.
CASELOAD_PROGRAMMES: tuple[str, ...] = (
    "低保",
    "低保边缘",
    "特困",
    "困难残疾人生活补贴",
    "重度残疾人护理补贴",
    "孤儿基本生活费",
    "事实无人抚养儿童基本生活费",
    "临时救助",
)
CARE_TIERS: tuple[str, ...] = ("全自理", "半护理", "全护理")
ACCOUNT_KINDS: tuple[str, ...] = ("社保卡", "惠民惠农一卡通")

_ALL = LINKAGE_FIELDS[1:]
_NO_ADDRESS = ("name", "id_number", "gender", "birth_date", "phone")

SPECS: dict[Department, DepartmentSpec] = {
    spec.department: spec
    for spec in (
        DepartmentSpec(
            Department.POLICE,
            _ALL,
            (
                ItemSpec("household_number", _("户号"), ValueType.TEXT, Topic.CIVIL),
                ItemSpec("relation", _("与户主关系"), ValueType.TEXT, Topic.CIVIL),
            ),
        ),
        DepartmentSpec(
            Department.MEDICAL_INSURANCE,
            _NO_ADDRESS,
            (
                ItemSpec("insured_type", _("参保类型"), ValueType.TEXT, Topic.MEDICAL),
                ItemSpec("year", _("费用年度"), ValueType.INTEGER, Topic.MEDICAL),
                ItemSpec("total_cost", _("医疗总费用"), ValueType.MONEY, Topic.MEDICAL),
                ItemSpec("out_of_pocket", _("个人自付"), ValueType.MONEY, Topic.MEDICAL),
            ),
        ),
        DepartmentSpec(
            Department.SOCIAL_SECURITY,
            _NO_ADDRESS,
            (
                ItemSpec("employment_status", _("就业状态"), ValueType.TEXT, Topic.INCOME),
                # The 社保缴费工资 of the last month: the wage 人社 knows of.
                ItemSpec("monthly_wage", _("月缴费工资"), ValueType.MONEY, Topic.INCOME),
                ItemSpec("pension_type", _("养老保险类型"), ValueType.TEXT, Topic.PENSION),
                ItemSpec("monthly_pension", _("月养老金"), ValueType.MONEY, Topic.PENSION),
            ),
        ),
        DepartmentSpec(
            Department.DISABILITY,
            _ALL,
            (
                ItemSpec("certificate_number", _("残疾人证号"), ValueType.TEXT, Topic.DISABILITY),
                ItemSpec("category", _("残疾类别"), ValueType.TEXT, Topic.DISABILITY),
                ItemSpec("grade", _("残疾等级"), ValueType.INTEGER, Topic.DISABILITY),
            ),
        ),
        DepartmentSpec(
            Department.REAL_ESTATE,
            ("name", "id_number", "phone", "address"),
            (
                ItemSpec("property_count", _("房产套数"), ValueType.INTEGER, Topic.PROPERTY),
                ItemSpec("floor_area", _("建筑面积(平方米)"), ValueType.NUMBER, Topic.PROPERTY),
            ),
        ),
        DepartmentSpec(
            Department.VEHICLES,
            ("name", "id_number", "phone", "address"),
            (
                ItemSpec("plate", _("号牌"), ValueType.TEXT, Topic.VEHICLE),
                ItemSpec("vehicle_type", _("车辆类型"), ValueType.TEXT, Topic.VEHICLE),
                ItemSpec("purchase_value", _("购置价格"), ValueType.MONEY, Topic.VEHICLE),
            ),
        ),
        DepartmentSpec(
            Department.ELECTRICITY,
            ("name", "phone", "address"),
            (
                ItemSpec("account_number", _("用电户号"), ValueType.TEXT, Topic.UTILITIES),
                ItemSpec("monthly_kwh", _("月用电量(千瓦时)"), ValueType.INTEGER, Topic.UTILITIES),
                ItemSpec("arrears", _("欠费"), ValueType.MONEY, Topic.UTILITIES),
            ),
        ),
        DepartmentSpec(
            Department.HOUSING_FUND,
            _NO_ADDRESS,
            (
                ItemSpec("fund_status", _("缴存状态"), ValueType.TEXT, Topic.FINANCIAL),
                ItemSpec("fund_balance", _("公积金余额"), ValueType.MONEY, Topic.FINANCIAL),
                # 单位和个人合计: about a quarter of the wage it is paid on.
                ItemSpec("monthly_contribution", _("月缴存额"), ValueType.MONEY, Topic.FINANCIAL),
            ),
        ),
        DepartmentSpec(
            Department.TAX,
            _NO_ADDRESS,
            (
                ItemSpec("tax_year", _("纳税年度"), ValueType.INTEGER, Topic.INCOME),
                # 个人所得税 综合所得收入额 of the year: wages, labour and royalties.
                ItemSpec("taxable_income", _("年综合所得收入额"), ValueType.MONEY, Topic.INCOME),
            ),
        ),
        DepartmentSpec(
            Department.MARKET_REGULATION,
            ("name", "id_number", "phone"),
            (
                ItemSpec("business_name", _("市场主体名称"), ValueType.TEXT, Topic.BUSINESS),
                ItemSpec("business_role", _("任职或出资"), ValueType.TEXT, Topic.BUSINESS),
                ItemSpec("registered_capital", _("注册资本(元)"), ValueType.MONEY, Topic.BUSINESS),
                ItemSpec("business_status", _("登记状态"), ValueType.TEXT, Topic.BUSINESS),
            ),
        ),
        # One row per person and bank; a person the bank holds nothing for is answered with
        # zeros, so "no row" stays "not answered" (未核对), never "no money".
        DepartmentSpec(
            Department.BANKS,
            _NO_ADDRESS,
            (
                ItemSpec("query_batch", _("查询批次号"), ValueType.TEXT, Topic.FINANCIAL),
                ItemSpec("bank_name", _("银行"), ValueType.TEXT, Topic.FINANCIAL),
                ItemSpec("deposit_balance", _("存款余额"), ValueType.MONEY, Topic.FINANCIAL),
                ItemSpec("wealth_balance", _("理财产品余额"), ValueType.MONEY, Topic.FINANCIAL),
            ),
        ),
        DepartmentSpec(
            Department.CASELOAD,
            ("name", "id_number", "gender", "birth_date", "phone", "address"),
            (
                ItemSpec("roll_household", _("户编号"), ValueType.TEXT, Topic.ASSISTANCE),
                ItemSpec(
                    "programme",
                    _("救助类别"),
                    ValueType.TEXT,
                    Topic.ASSISTANCE,
                    required=True,
                    choices=CASELOAD_PROGRAMMES,
                ),
                ItemSpec(
                    "care_tier",
                    _("照料护理等级"),
                    ValueType.TEXT,
                    Topic.ASSISTANCE,
                    choices=CARE_TIERS,
                ),
                # What the person is paid a month (for 临时救助: the one-off grant), care
                # allowance included; the care allowance alone in the next column.
                ItemSpec(
                    "monthly_amount",
                    _("保障金额"),
                    ValueType.MONEY,
                    Topic.ASSISTANCE,
                    required=True,
                ),
                ItemSpec("care_amount", _("照料护理费"), ValueType.MONEY, Topic.ASSISTANCE),
                ItemSpec(
                    "start_date", _("起始日期"), ValueType.DATE, Topic.ASSISTANCE, required=True
                ),
                ItemSpec("approving_authority", _("审批机关"), ValueType.TEXT, Topic.ASSISTANCE),
                ItemSpec(
                    "account_kind",
                    _("账户类型"),
                    ValueType.TEXT,
                    Topic.ASSISTANCE,
                    choices=ACCOUNT_KINDS,
                    private=True,
                ),
                ItemSpec("bank", _("开户银行"), ValueType.TEXT, Topic.ASSISTANCE, private=True),
                ItemSpec(
                    "account_number", _("银行账号"), ValueType.TEXT, Topic.ASSISTANCE, private=True
                ),
                ItemSpec(
                    "account_holder", _("账户户名"), ValueType.TEXT, Topic.ASSISTANCE, private=True
                ),
            ),
            reference_by_keys=True,
        ),
    )
}
