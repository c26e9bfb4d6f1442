from django.db import models
from django.utils.translation import gettext_lazy as _


class Programme(models.TextChoices):
    """The programmes the rule set judges, in the spec's order of precedence."""

    TEKUN = "tekun", _("特困供养")
    DIBAO = "dibao", _("最低生活保障")
    DIBAO_SINGLE = "dibao_single", _("单人保")
    DIBAO_EDGE = "dibao_edge", _("低保边缘")
    RIGID_EXPENDITURE = "rigid_expenditure", _("支出型低保")
