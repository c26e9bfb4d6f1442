"""The county's choice of the separation-of-duties rules (``cases.duties``), dated per region."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from minzheng.core.dated_settings import DatedSetting


class DutyRuleSetting(DatedSetting):
    """A dated, region-scoped on (1) or off (0) of one rule of ``duties.DUTY_RULES``."""

    class Meta(DatedSetting.Meta):
        verbose_name = _("职责分离规则")
        verbose_name_plural = _("职责分离规则")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "region", "start"], name="duty_rule_setting_one_per_date"
            ),
        ]
