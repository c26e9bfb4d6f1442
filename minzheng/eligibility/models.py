from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.core.models import BaseModel
from minzheng.eligibility.enums import PARAMETER_LABELS, Programme
from minzheng.eligibility.rules.changes import PARAMETER_NAMES
from minzheng.eligibility.rules.regions import REGIONS

PARAMETER_CHOICES = [(name, PARAMETER_LABELS[name]) for name in PARAMETER_NAMES]
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
    document_title = models.CharField(_("文件名称"), max_length=200, blank=True)
    document_issuer = models.CharField(_("发文机关"), max_length=100, blank=True)
    document_date = models.DateField(_("发文日期"), null=True, blank=True)
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


class ParameterConfirmation(BaseModel):
    """A county admin's confirmation of a shipped value that was the model's assumption.

    The shipped YAML marks such values (``reference`` "MODEL：…"); until a county confirms one
    against its own document, no 县级审批 may rest on it. The confirmation keeps the value it
    confirmed, so a later release that changes the shipped value is unconfirmed again.
    """

    name = models.CharField(_("参数"), max_length=64, choices=PARAMETER_CHOICES)
    region = models.CharField(_("行政区划"), max_length=6, choices=REGION_CHOICES)
    start = models.DateField(_("生效日期"))
    value = models.DecimalField(_("取值"), max_digits=14, decimal_places=4)
    label = models.CharField(_("依据简称"), max_length=64)
    document_title = models.CharField(_("文件名称"), max_length=200)
    document_issuer = models.CharField(_("发文机关"), max_length=100)
    document_date = models.DateField(_("发文日期"))
    # The demo county confirms its values as 演示数据, with no real document behind them.
    is_demo = models.BooleanField(_("演示数据"), default=False)
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("确认人"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("政策参数确认")
        verbose_name_plural = _("政策参数确认")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "region", "start", "value"], name="parameter_confirmed_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}@{self.region}:{self.start}"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("待审批")
    APPROVED = "approved", _("已批准生效")
    REJECTED = "rejected", _("未批准")


class ParameterChangeProposal(BaseModel):
    """A back-dated or current-month value: it takes effect only when a second admin approves.

    Such a value changes decisions already made or about to be paid, so the proposer's 政策测算
    is shown to the approver, who must be another county admin.
    """

    name = models.CharField(_("参数"), max_length=64, choices=PARAMETER_CHOICES)
    region = models.CharField(_("行政区划"), max_length=6, choices=REGION_CHOICES)
    start = models.DateField(_("生效日期"))
    value = models.DecimalField(_("取值"), max_digits=14, decimal_places=4)
    label = models.CharField(_("依据简称"), max_length=64)
    document_title = models.CharField(_("文件名称"), max_length=200)
    document_issuer = models.CharField(_("发文机关"), max_length=100)
    document_date = models.DateField(_("发文日期"))
    status = models.CharField(
        _("状态"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    whatif = models.ForeignKey(
        "PolicyWhatIf", verbose_name=_("政策测算"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_by = models.ForeignKey(
        "accounts.User", verbose_name=_("提出人"), on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("审批人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_reason = models.CharField(_("审批意见"), max_length=255, blank=True)
    added_value = models.OneToOneField(
        ParameterValue,
        verbose_name=_("生效取值"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("政策参数调整申请")
        verbose_name_plural = _("政策参数调整申请")
        ordering = ["-created_at"]

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


class WhatIfChange(models.TextChoices):
    GAINED = "gained", _("新增享受")
    LOST = "lost", _("不再享受")
    INCREASED = "increased", _("金额增加")
    DECREASED = "decreased", _("金额减少")
    EDGE_GAINED = "edge_gained", _("新增低保边缘")
    EDGE_LOST = "edge_lost", _("不再是低保边缘")


class PolicyWhatIf(BaseModel):
    """One 政策测算: the current run's households judged under changed parameters."""

    run = models.ForeignKey(
        DeterminationRun, verbose_name=_("批量判定"), on_delete=models.CASCADE, related_name="+"
    )
    as_of = models.DateField(_("测算日期"))
    # [{"name", "value", "start", "region"}] as entered.
    changes = models.JSONField(_("参数调整"), default=list)
    # {"totals": {...}, "townships": [{...}]}: see services.whatif.
    summary = models.JSONField(_("测算结果"), default=dict)
    seconds = models.FloatField(_("用时(秒)"), default=0)
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("测算人"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("政策测算")
        verbose_name_plural = _("政策测算")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.as_of}"


class PolicyWhatIfHousehold(models.Model):
    """A household whose programme or amount the what-if changes."""

    id = models.BigAutoField(primary_key=True)
    whatif = models.ForeignKey(
        PolicyWhatIf,
        verbose_name=_("政策测算"),
        on_delete=models.CASCADE,
        related_name="households",
    )
    household = models.ForeignKey(
        "registry.Household", verbose_name=_("户"), on_delete=models.CASCADE, related_name="+"
    )
    division_code = models.BigIntegerField(_("村(社区)代码"))
    change = models.CharField(_("变化"), max_length=16, choices=WhatIfChange.choices)
    programme_before = models.CharField(_("调整前项目"), max_length=24, blank=True)
    amount_before = models.IntegerField(_("调整前月金额"))
    programme_after = models.CharField(_("调整后项目"), max_length=24, blank=True)
    amount_after = models.IntegerField(_("调整后月金额"))

    class Meta:
        verbose_name = _("测算变化户")
        verbose_name_plural = _("测算变化户")
        indexes = [models.Index(fields=["whatif", "division_code"], name="whatif_division_idx")]

    def __str__(self) -> str:
        return f"{self.whatif_id}:{self.household_id}"

    @property
    def programme_before_label(self) -> str:
        return str(Programme(self.programme_before).label) if self.programme_before else "—"

    @property
    def programme_after_label(self) -> str:
        return str(Programme(self.programme_after).label) if self.programme_after else "—"
