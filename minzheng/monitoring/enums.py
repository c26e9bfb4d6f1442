"""Choices of 预警监测: event kinds, causes, statuses and closing outcomes (colours: profiling)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    """What a department reported about a person (the monitoring feed's ``kind`` column)."""

    BIG_MEDICAL_BILL = "big_medical_bill", _("大额医疗费用")
    DEATH = "death", _("死亡")
    DISABILITY_CERTIFICATE = "disability_certificate", _("新办残疾证")
    UNEMPLOYMENT = "unemployment", _("失业登记")
    UTILITY_ARREARS = "utility_arrears", _("水电欠费")
    VEHICLE_PURCHASE = "vehicle_purchase", _("购车")
    PROPERTY_PURCHASE = "property_purchase", _("购房")
    DISASTER = "disaster", _("受灾")


class Cause(models.TextChoices):
    """Why a household is warned about; a household has one open warning per cause."""

    ILLNESS = "illness", _("因病")
    DEATH = "death", _("死亡")
    DISABILITY = "disability", _("因残")
    UNEMPLOYMENT = "unemployment", _("失业")
    ARREARS = "arrears", _("水电欠费")
    PROPERTY_CHANGE = "property_change", _("财产变化")
    DISASTER = "disaster", _("受灾")


class WarningStatus(models.TextChoices):
    OPEN = "open", _("待处置")
    CLOSED = "closed", _("已办结")


class Outcome(models.TextChoices):
    """The ways a warning may be closed (domain §5), and for a death, its 停发/减员.

    ``BENEFIT_REVIEW`` sends the household's running benefits to the county as a 动态管理
    proposal (cases ``household_reductions_propose``); money changes only when the county
    approves it.
    """

    NOT_IN_DIFFICULTY = "not_in_difficulty", _("核实不困难")
    ASSISTED = "assisted", _("纳入救助")
    REFERRED = "referred", _("转介")
    CHARITY = "charity", _("慈善链接")
    BENEFIT_REVIEW = "benefit_review", _("停发/减员")


class OwnerLevel(models.IntegerChoices):
    """Who must act: the value is the number of code digits the level fixes (DivisionLevel)."""

    COUNTY = 6, _("县")
    TOWNSHIP = 9, _("镇街")
    VILLAGE = 12, _("村社")
