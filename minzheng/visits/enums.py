"""Choices of 探访, 微心愿 and 转介; the colours are ``profiling.enums.Colour``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitMode(models.TextChoices):
    HOME = "home", _("上门")
    PHONE = "phone", _("电话")
    VIDEO = "video", _("视频")
    DELEGATED = "delegated", _("委托")


class Need(models.TextChoices):
    MEALS = "meals", _("助餐")
    CARE = "care", _("照护")
    MEDICAL = "medical", _("医疗")
    HOUSING = "housing", _("住房")
    EMPLOYMENT = "employment", _("就业")
    PSYCHOLOGICAL = "psychological", _("心理")
    OTHER = "other", _("其他")


class WishPrivacy(models.TextChoices):
    # Public: charity staff see the item and the 村社, never who asked.
    PUBLIC = "public", _("公开")
    RESTRICTED = "restricted", _("仅本人")


class WishStatus(models.TextChoices):
    OPEN = "open", _("待认领")
    MATCHED = "matched", _("已认领")
    FULFILLED = "fulfilled", _("已实现")


class ReferralDepartment(models.TextChoices):
    MEDICAL_INSURANCE = "medical_insurance", _("医保")
    EDUCATION = "education", _("教育")
    HOUSING = "housing", _("住建")
    HUMAN_RESOURCES = "human_resources", _("人社")
    DISABLED_FEDERATION = "disabled_federation", _("残联")
    HEALTH = "health", _("卫健")


class ReferralStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    ACCEPTED = "accepted", _("已受理")
    CLOSED = "closed", _("已办结")
