from django.db import models
from django.utils.translation import gettext_lazy as _

from minzheng.divisions.codes import code_range
from minzheng.divisions.enums import DivisionLevel


class DivisionQuerySet(models.QuerySet["Division"]):
    def within(self, division: "Division") -> "DivisionQuerySet":
        return self.filter(code__range=division.code_range())


class Division(models.Model):
    """A node of the administrative tree, keyed by its 12-digit statistical code."""

    code = models.BigIntegerField(_("区划代码"), primary_key=True)
    name = models.CharField(_("名称"), max_length=64)
    level = models.PositiveSmallIntegerField(_("层级"), choices=DivisionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Names and codes below the township are real; anything generated for the demo is flagged.
    is_synthetic = models.BooleanField(_("演示数据"), default=False)

    objects = DivisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def short_code(self) -> str:
        """The code as officials write it: 6 digits down to county, 9 or 12 below."""
        return str(self.code)[: max(self.level, 6)]

    def code_range(self) -> tuple[int, int]:
        return code_range(self.code, self.level)

    def contains(self, code: int) -> bool:
        low, high = self.code_range()
        return low <= code <= high
