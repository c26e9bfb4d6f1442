"""Dated, region-scoped words the decision notice uses: the bodies a family may turn to."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from minzheng.core.dated_settings import DatedWording


class RemedyBodySetting(DatedWording):
    """The 行政复议 body or the court a notice names, in force in a region from a date."""

    class Meta(DatedWording.Meta):
        verbose_name = _("救济途径机关")
        verbose_name_plural = _("救济途径机关")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "region", "start"], name="remedy_body_setting_one_per_date"
            ),
        ]
