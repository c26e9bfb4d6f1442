from django.db import models
from django.utils.translation import gettext_lazy as _

from minzheng.core.models import BaseModel


class StandardAddress(BaseModel):
    """A door-plate level address (标准地名地址) on a village or community.

    Urban addresses use road, door number, 小区, 幢, 单元 and 室; rural ones use 组 and 号.
    ``full_text`` is the canonical string, composed by ``address_compose`` and never edited
    by hand, so search and display agree with the parts.
    """

    division = models.ForeignKey(
        "divisions.Division",
        verbose_name=_("村(社区)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    road = models.CharField(_("道路或自然村"), max_length=64, blank=True)
    door_number = models.CharField(_("门牌号"), max_length=16, blank=True)
    estate = models.CharField(_("小区"), max_length=64, blank=True)
    building = models.CharField(_("幢"), max_length=16, blank=True)
    unit = models.CharField(_("单元"), max_length=16, blank=True)
    room = models.CharField(_("室"), max_length=16, blank=True)
    group = models.CharField(_("组"), max_length=16, blank=True)
    full_text = models.CharField(_("标准地址"), max_length=255)
    is_synthetic = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("标准地址")
        verbose_name_plural = _("标准地址")
        constraints = [
            models.UniqueConstraint(fields=["full_text"], name="address_full_text_unique"),
        ]

    def __str__(self) -> str:
        return self.full_text
