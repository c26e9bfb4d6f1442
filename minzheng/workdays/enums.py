from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    """How a day departs from the plain rule that Monday to Friday are worked."""

    HOLIDAY = "holiday", _("法定节假日")  # a Monday–Friday that is not worked
    WORKDAY = "workday", _("调休上班")  # a Saturday or Sunday that is worked


class WorkdaysErrorCode(models.TextChoices):
    HOLIDAY_ON_WEEKEND = "holiday_on_weekend", _("法定节假日不能设在周末")
    WORKDAY_ON_WEEKDAY = "workday_on_weekday", _("调休上班日不能设在工作日")
    NAME_REQUIRED = "name_required", _("缺少名称")
    KIND_INVALID = "kind_invalid", _("类别无效")
