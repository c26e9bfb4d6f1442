from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minzheng.addresses.enums import AliasMethod
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


class AddressAlias(BaseModel):
    """A raw address string as one source writes it, and the standard address it means.

    The memory of matching: a string once matched (or resolved by a clerk) is answered from
    here the next time any feed of that source carries it. ``address`` is null while nobody
    knows what the string means; such aliases form the worklist of their ``township`` (镇街),
    or of no township when the text names none ("未识别镇街", county-level users only).
    """

    raw_text = models.CharField(_("原始地址"), max_length=255)
    source = models.CharField(_("来源"), max_length=32)
    address = models.ForeignKey(
        StandardAddress,
        verbose_name=_("标准地址"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="aliases",
    )
    score = models.FloatField(_("匹配得分"), null=True, blank=True)
    method = models.CharField(_("匹配方式"), max_length=16, choices=AliasMethod.choices)
    township = models.ForeignKey(
        "divisions.Division",
        verbose_name=_("镇(街道)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    occurrences = models.PositiveIntegerField(_("出现次数"), default=0)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("指定人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("指定时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("地址别名")
        verbose_name_plural = _("地址别名")
        constraints = [
            models.UniqueConstraint(fields=["source", "raw_text"], name="address_alias_unique"),
        ]
        indexes = [
            # The worklist: one 镇街's unmatched strings, most frequent first.
            models.Index(
                fields=["township", "-occurrences"],
                condition=models.Q(address__isnull=True),
                name="address_alias_worklist_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.pk}"

    @property
    def is_matched(self) -> bool:
        return self.address_id is not None
