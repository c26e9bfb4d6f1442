from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Department(models.TextChoices):
    """The departments whose feeds the 核对 office receives. Codes match the demo feeds' stems."""

    POLICE = "police", _("公安户籍")
    MEDICAL_INSURANCE = "medical_insurance", _("医保")
    SOCIAL_SECURITY = "social_security", _("人社")
    DISABILITY = "disability", _("残联")
    REAL_ESTATE = "real_estate", _("不动产")
    VEHICLES = "vehicles", _("车辆")
    ELECTRICITY = "electricity", _("电力")
    HOUSING_FUND = "housing_fund", _("住房公积金")
    TAX = "tax", _("税务")
    MARKET_REGULATION = "market_regulation", _("市场监管")
    # The banks' answers to a 核对 query (存款、理财), gathered by the 核对 office.
    BANKS = "banks", _("银行")
    # The provincial 社会救助 system's roll of current recipients (在册对象), brought in once
    # when a county starts on minzheng and again while both systems run side by side.
    CASELOAD = "caseload", _("在册对象")


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("待确认列")  # the file is stored; its columns await a mapping
    PROCESSING = "processing", _("校验匹配中")  # read, validated and linked by a task
    LINKED = "linked", _("待入库")  # staged and linked to the registry; review may be pending
    MERGING = "merging", _("入库中")
    MERGED = "merged", _("已入库")
    DISCARDED = "discarded", _("已放弃")
    FAILED = "failed", _("失败")


# A worker is (or should be) at work on an import in these; ADR 0025 says when it has died.
RUNNING_STATUSES = frozenset({ImportStatus.PROCESSING, ImportStatus.MERGING})


class MatchStatus(models.TextChoices):
    INVALID = "invalid", _("数据有误")  # a row error: never linked or merged
    PENDING = "pending", _("待匹配")
    MATCHED = "matched", _("已匹配")  # automatically, or approved in review
    REVIEW = "review", _("待人工审核")
    UNMATCHED = "unmatched", _("未匹配")  # no registry person; rejected in review included


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("确认同一人")
    REJECTED = "rejected", _("不是同一人")


class ValueType(models.TextChoices):
    TEXT = "text", _("文本")
    MONEY = "money", _("金额(元)")
    NUMBER = "number", _("数值")
    INTEGER = "integer", _("整数")
    DATE = "date", _("日期")


# The 核对报告's flags: what kind of finding, how urgent, and which rule found it.
class FlagKind(models.TextChoices):
    CONFLICT = "conflict", _("冲突")
    GAP = "gap", _("缺失")
    STALE = "stale", _("过期")


class Severity(models.TextChoices):
    HIGH = "high", _("高")
    MEDIUM = "medium", _("中")
    LOW = "low", _("低")


class FlagCode(StrEnum):
    NAME_DIFFERS = "name_differs"
    GENDER_DIFFERS = "gender_differs"
    BIRTH_DATE_DIFFERS = "birth_date_differs"
    ID_NUMBER_DIFFERS = "id_number_differs"
    ADDRESS_DIFFERS = "address_differs"
    HOUSEHOLD_NUMBER_DIFFERS = "household_number_differs"
    VALUES_DIFFER = "values_differ"
    MEMBER_MISSING = "member_missing"
    HOUSEHOLD_MISSING = "household_missing"
    STALE = "stale"
