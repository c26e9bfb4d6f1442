from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.core.models import BaseModel
from minzheng.eligibility.rules.changes import PARAMETER_NAMES
from minzheng.eligibility.rules.regions import REGIONS

PARAMETER_CHOICES = [(name, name) for name in PARAMETER_NAMES]
REGION_CHOICES = list(REGIONS.items())


class ParameterValue(BaseModel):
    """A dated value the county admin added on top of the shipped YAML.

    Values are only ever added: a new standard is a new row from its date, so every past
    determination can still be explained by the values that held on its day.
    """

    name = models.CharField(_("参数"), max_length=64, choices=PARAMETER_CHOICES)
    region = models.CharField(_("行政区划"), max_length=6, choices=REGION_CHOICES)
    start = models.DateField(_("生效日期"))
    value = models.DecimalField(_("取值"), max_digits=14, decimal_places=4)
    label = models.CharField(_("依据简称"), max_length=64)
    reference = models.CharField(_("政策依据"), max_length=255)
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("录入人"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("政策参数取值")
        verbose_name_plural = _("政策参数取值")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "region", "start"], name="parameter_value_one_per_date"
            ),
        ]
        ordering = ["name", "region", "start"]

    def __str__(self) -> str:
        return f"{self.name}@{self.region}:{self.start}"


class DeterminationRun(BaseModel):
    """One evaluation of the whole registry: ``minzheng eligibility run``."""

    as_of = models.DateField(_("判定日期"))
    rules_version = models.CharField(_("规则版本"), max_length=16)
    # {region: {parameter name: value}} in force on ``as_of``.
    parameters = models.JSONField(_("参数取值"), default=dict)
    household_count = models.PositiveIntegerField(_("户数"), default=0)
    is_current = models.BooleanField(_("当前结果"), default=False)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("执行人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("批量判定")
        verbose_name_plural = _("批量判定")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_run"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.as_of}"


class Determination(models.Model):
    """What the rules say about one household in one run (screening, not a decision).

    One row per household with a column group per programme: a county is ~250,000 rows per
    run, written by COPY and compared column-wise by the what-if.
    """

    id = models.BigAutoField(primary_key=True)
    run = models.ForeignKey(
        DeterminationRun,
        verbose_name=_("批量判定"),
        on_delete=models.CASCADE,
        related_name="determinations",
    )
    household = models.ForeignKey(
        "registry.Household", verbose_name=_("户"), on_delete=models.CASCADE, related_name="+"
    )
    division_code = models.BigIntegerField(_("村(社区)代码"), db_index=True)
    resident_count = models.PositiveSmallIntegerField(_("共同生活人数"))
    per_capita_income_cents = models.BigIntegerField(_("人均月收入(分)"))
    tekun_amount = models.IntegerField(_("特困供养金额"))
    tekun_reasons = models.IntegerField(_("特困供养理由"))
    dibao_amount = models.IntegerField(_("低保金额"))
    dibao_reasons = models.IntegerField(_("低保理由"))
    dibao_single_amount = models.IntegerField(_("单人保金额"))
    dibao_single_reasons = models.IntegerField(_("单人保理由"))
    dibao_edge_amount = models.IntegerField(_("低保边缘金额"))
    dibao_edge_reasons = models.IntegerField(_("低保边缘理由"))
    rigid_expenditure_amount = models.IntegerField(_("支出型低保金额"))
    rigid_expenditure_reasons = models.IntegerField(_("支出型低保理由"))
    # Eligibility as a bit per programme (Programme order), so one integer filters a list.
    eligible_bits = models.SmallIntegerField(_("符合项目"))

    class Meta:
        verbose_name = _("判定结果")
        verbose_name_plural = _("判定结果")
        constraints = [
            models.UniqueConstraint(fields=["run", "household"], name="determination_once_per_run")
        ]

    def __str__(self) -> str:
        return f"{self.run_id}:{self.household_id}"
