"""智慧救助一件事: the catalogue, applications with their steps, objections and payments.

An ``Application`` moves through ``ApplicationStep`` rows (see ``steps.STEP_PLAN``); a step
returned to an earlier one adds new rows, so the timeline keeps every attempt. What the family
asked for and what the rules, the worker and the county said about each item is an
``ApplicationItem``. Granted cash items get a ``PaymentSchedule``: what the household is owed,
month by month. What it was paid is the payment backbone's (``minzheng.payments``).
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.accounts.enums import Role
from minzheng.cases.enums import (
    ApplicationStatus,
    Channel,
    ItemKind,
    ObjectionOutcome,
    ObjectionStatus,
    OwningDepartment,
    ProposalSource,
    ScheduleStatus,
    StepKind,
    StepOutcome,
)
from minzheng.core.clock import today
from minzheng.core.models import BaseModel
from minzheng.eligibility.enums import Programme


class AssistanceItem(BaseModel):
    """One item of the 一件事 catalogue: seeded by a migration, kept by the county admin."""

    code = models.SlugField(_("代码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=64)
    kind = models.CharField(_("类别"), max_length=16, choices=ItemKind.choices)
    department = models.CharField(_("主管部门"), max_length=32, choices=OwningDepartment.choices)
    # The rule programme that judges it; blank when the worker proposes it.
    programme = models.CharField(
        _("对应规则"), max_length=32, choices=Programme.choices, blank=True
    )
    needs_publicity = models.BooleanField(_("需要公示"), default=False)
    is_active = models.BooleanField(_("启用"), default=True)
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=0)

    class Meta:
        verbose_name = _("救助事项")
        verbose_name_plural = _("救助事项")
        ordering = ["display_order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme"], condition=~Q(programme=""), name="item_programme_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_cash(self) -> bool:
        return self.kind in (ItemKind.MONTHLY_CASH, ItemKind.ONE_OFF)


class DailyCounter(models.Model):
    """The last number handed out per prefix and day (SQ20261122-0001, JD20261122-0001)."""

    id = models.BigAutoField(primary_key=True)
    prefix = models.CharField(_("前缀"), max_length=8)
    day = models.DateField(_("日期"))
    value = models.PositiveIntegerField(_("已用编号"), default=0)

    class Meta:
        verbose_name = _("编号计数")
        verbose_name_plural = _("编号计数")
        constraints = [
            models.UniqueConstraint(fields=["prefix", "day"], name="daily_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}{self.day:%Y%m%d}:{self.value}"


class ApplicationQuerySet(models.QuerySet["Application"]):
    def in_division_range(self, low: int, high: int) -> "ApplicationQuerySet":
        return self.filter(division__code__range=(low, high))

    def open(self) -> "ApplicationQuerySet":
        return self.filter(status=ApplicationStatus.IN_PROGRESS)


class Application(BaseModel):
    number = models.CharField(_("申请编号"), max_length=20, unique=True)
    household = models.ForeignKey(
        "registry.Household", verbose_name=_("户"), on_delete=models.PROTECT, related_name="+"
    )
    # The household's 村(社区) when the application was taken: it places the application in
    # jurisdictions and its publicity in a 村社.
    division = models.ForeignKey(
        "divisions.Division",
        verbose_name=_("村(社区)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    channel = models.CharField(_("申请渠道"), max_length=16, choices=Channel.choices)
    # The family's written authorisation for 核对 (社会救助暂行办法 第五十八条).
    has_consent = models.BooleanField(_("已授权核对"), default=False)
    consent_date = models.DateField(_("授权日期"), null=True, blank=True)
    consent_signed_by = models.CharField(_("授权签字人"), max_length=64, blank=True)
    consent_document = models.CharField(_("授权书编号"), max_length=64, blank=True)
    as_of = models.DateField(_("核对基准日"))
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.IN_PROGRESS,
    )
    current_step = models.CharField(
        _("当前步骤"), max_length=20, choices=StepKind.choices, blank=True
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("受理人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # 核对: the prefilled case and its sources as received, then the confirmed case the rules
    # judge and the decision notice cites, with a source for every value.
    prefill = models.JSONField(_("预填数据"), default=dict, blank=True)
    case = models.JSONField(_("核对数据"), default=dict, blank=True)
    case_sources = models.JSONField(_("数据来源"), default=dict, blank=True)
    rules_result = models.JSONField(_("规则预审结果"), default=dict, blank=True)
    rules_version = models.CharField(_("规则版本"), max_length=64, blank=True)
    publicity_starts_on = models.DateField(_("公示开始"), null=True, blank=True)
    publicity_ends_on = models.DateField(_("公示结束"), null=True, blank=True)
    decision_number = models.CharField(_("决定书编号"), max_length=20, blank=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_reason = models.TextField(_("决定理由"), blank=True)
    start_month = models.DateField(_("起始发放月份"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("救助申请")
        verbose_name_plural = _("救助申请")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(status=ApplicationStatus.IN_PROGRESS),
                name="application_one_open_per_household",
            ),
            models.UniqueConstraint(
                fields=["decision_number"],
                condition=~Q(decision_number=""),
                name="application_decision_number_unique",
            ),
        ]
        indexes = [
            models.Index(
                fields=["division", "status", "current_step"], name="application_scope_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.number


class ApplicationItem(BaseModel):
    """An item asked for or proposed, with the rules' proposal and the county's decision."""

    application = models.ForeignKey(
        Application, verbose_name=_("申请"), on_delete=models.CASCADE, related_name="items"
    )
    item = models.ForeignKey(
        AssistanceItem, verbose_name=_("救助事项"), on_delete=models.PROTECT, related_name="+"
    )
    requested = models.BooleanField(_("申请人申请"), default=True)
    proposal_source = models.CharField(
        _("提出方式"), max_length=16, choices=ProposalSource.choices, blank=True
    )
    # None until proposed; then the rules' (or the worker's) answer.
    eligible = models.BooleanField(_("符合条件"), null=True, blank=True)
    proposed_amount = models.DecimalField(
        _("拟发放金额"), null=True, blank=True, max_digits=10, decimal_places=2
    )
    reasons = models.JSONField(_("理由代码"), default=list, blank=True)
    explanation = models.JSONField(_("说明"), default=list, blank=True)
    proposal_note = models.TextField(_("经办人意见"), blank=True)
    parameters = models.JSONField(_("所用参数"), default=dict, blank=True)
    rules_version = models.CharField(_("规则版本"), max_length=64, blank=True)
    # 先行救助: paid from the township reserve before the review that follows.
    granted_first_at = models.DateTimeField(_("先行救助时间"), null=True, blank=True)
    granted = models.BooleanField(_("批准"), null=True, blank=True)
    granted_amount = models.DecimalField(
        _("批准金额"), null=True, blank=True, max_digits=10, decimal_places=2
    )
    decision_reason = models.TextField(_("审批意见"), blank=True)

    class Meta:
        verbose_name = _("申请事项")
        verbose_name_plural = _("申请事项")
        ordering = ["item__display_order", "item__code"]
        constraints = [
            models.UniqueConstraint(fields=["application", "item"], name="application_item_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}:{self.item_id}"


class ApplicationStep(BaseModel):
    application = models.ForeignKey(
        Application, verbose_name=_("申请"), on_delete=models.CASCADE, related_name="steps"
    )
    position = models.PositiveSmallIntegerField(_("序号"))
    kind = models.CharField(_("步骤"), max_length=20, choices=StepKind.choices)
    owner_role = models.CharField(_("责任角色"), max_length=32, choices=Role.choices)
    owner_division = models.ForeignKey(
        "divisions.Division",
        verbose_name=_("责任区划"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("办理期限"))
    started_at = models.DateTimeField(_("开始时间"))
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("办理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField(_("结果"), max_length=16, choices=StepOutcome.choices, blank=True)
    note = models.TextField(_("意见"), blank=True)
    # A 村社 step done by a 镇街 or county worker for the 村社 (``owner_division``), and why
    # (``duties.village_duty``).
    on_behalf = models.BooleanField(_("代为办理"), default=False)
    on_behalf_reason = models.TextField(_("代办理由"), blank=True)

    class Meta:
        verbose_name = _("办理步骤")
        verbose_name_plural = _("办理步骤")
        ordering = ["application", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "position"], name="application_step_position_unique"
            ),
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(completed_at__isnull=True),
                name="application_one_open_step",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}:{self.position}:{self.kind}"

    @property
    def is_open(self) -> bool:
        return self.completed_at is None

    @property
    def is_overdue(self) -> bool:
        return self.completed_at is None and self.due_on < today()


class Investigation(BaseModel):
    """The 入户调查 record of one investigation step."""

    step = models.OneToOneField(
        ApplicationStep,
        verbose_name=_("办理步骤"),
        on_delete=models.CASCADE,
        related_name="investigation",
    )
    visited_on = models.DateField(_("入户日期"))
    present = models.CharField(_("在场人员"), max_length=255)
    living_conditions = models.TextField(_("生活状况"))
    composition_confirmed = models.BooleanField(_("家庭成员属实"))
    facts_confirmed = models.BooleanField(_("申报情况属实"))
    notes = models.TextField(_("备注"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("调查人"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("入户调查")
        verbose_name_plural = _("入户调查")

    def __str__(self) -> str:
        return f"{self.step_id}"

    @property
    def is_confirmed(self) -> bool:
        return self.composition_confirmed and self.facts_confirmed


class Objection(BaseModel):
    """An objection lodged by anyone against an application under publicity."""

    application = models.ForeignKey(
        Application, verbose_name=_("申请"), on_delete=models.CASCADE, related_name="objections"
    )
    step = models.ForeignKey(
        ApplicationStep, verbose_name=_("公示步骤"), on_delete=models.CASCADE, related_name="+"
    )
    content = models.TextField(_("异议内容"))
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    lodged_at = models.DateTimeField(_("提出时间"))
    status = models.CharField(
        _("状态"), max_length=16, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN
    )
    outcome = models.CharField(
        _("处理结果"), max_length=16, choices=ObjectionOutcome.choices, blank=True
    )
    resolution_reason = models.TextField(_("处理理由"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("公示异议")
        verbose_name_plural = _("公示异议")
        ordering = ["lodged_at"]
        indexes = [models.Index(fields=["application", "status"], name="objection_open_idx")]

    def __str__(self) -> str:
        return f"{self.application_id}:{self.lodged_at:%Y-%m-%d}"


class PaymentScheduleQuerySet(models.QuerySet["PaymentSchedule"]):
    def paying_in(self, month: dt.date) -> "PaymentScheduleQuerySet":
        """Schedules that pay in ``month`` (the first day of a month)."""
        return self.filter(
            Q(end_month__isnull=True) | Q(end_month__gte=month), start_month__lte=month
        )


class PaymentSchedule(BaseModel):
    """A granted cash item paid month by month from ``start_month`` (first day of a month)."""

    household = models.ForeignKey(
        "registry.Household", verbose_name=_("户"), on_delete=models.PROTECT, related_name="+"
    )
    application_item = models.OneToOneField(
        ApplicationItem,
        verbose_name=_("申请事项"),
        on_delete=models.PROTECT,
        related_name="schedule",
    )
    item = models.ForeignKey(
        AssistanceItem, verbose_name=_("救助事项"), on_delete=models.PROTECT, related_name="+"
    )
    monthly_amount = models.DecimalField(_("每月金额"), max_digits=10, decimal_places=2)
    start_month = models.DateField(_("起始月份"))
    # Inclusive; a one-off item starts and ends in the same month.
    end_month = models.DateField(_("截止月份"), null=True, blank=True)
    # The first month this system pays: a recipient brought over from the provincial rolls was
    # paid the months before by the old system. None: from ``start_month``.
    payable_from = models.DateField(_("本系统起付月份"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=ScheduleStatus.choices, default=ScheduleStatus.ACTIVE
    )
    # 动态管理: when the rules judge the household again even if nothing was reported.
    next_review_on = models.DateField(_("下次复核日期"), null=True, blank=True)

    objects = PaymentScheduleQuerySet.as_manager()

    class Meta:
        verbose_name = _("发放计划")
        verbose_name_plural = _("发放计划")
        ordering = ["start_month", "item__display_order"]
        indexes = [models.Index(fields=["start_month", "end_month"], name="schedule_months_idx")]

    def __str__(self) -> str:
        return f"{self.item_id}:{self.start_month:%Y-%m}"

    def covers(self, month: dt.date) -> bool:
        return self.start_month <= month and (self.end_month is None or month <= self.end_month)
