"""动态管理 and 先行救助: proposals that change a running benefit, and the township reserve."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from minzheng.cases.enums import ReviewKind, ReviewStatus, ReviewTrigger
from minzheng.cases.models.applications import PaymentSchedule
from minzheng.core.models import BaseModel


class BenefitReview(BaseModel):
    """The rules' proposal for a running benefit after a change or at its review date.

    Nothing changes until the county approves: then the schedule's amount changes from
    ``effective_month``, or it ends (停发), or it runs ``grace_months`` more and ends (渐退).
    """

    schedule = models.ForeignKey(
        PaymentSchedule,
        verbose_name=_("发放计划"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    household = models.ForeignKey(
        "registry.Household", verbose_name=_("户"), on_delete=models.PROTECT, related_name="+"
    )
    trigger = models.CharField(_("触发原因"), max_length=16, choices=ReviewTrigger.choices)
    kind = models.CharField(_("建议"), max_length=16, choices=ReviewKind.choices)
    amount_before = models.DecimalField(_("现发放金额"), max_digits=10, decimal_places=2)
    amount_after = models.DecimalField(_("建议金额"), max_digits=10, decimal_places=2)
    effective_month = models.DateField(_("生效月份"))
    grace_months = models.PositiveSmallIntegerField(_("渐退月数"), default=0)
    review_months = models.PositiveSmallIntegerField(_("复核周期(月)"))
    # The case judged again, its result's reason codes and sentences, for the approver.
    case = models.JSONField(_("复核数据"), default=dict)
    reasons = models.JSONField(_("理由代码"), default=list)
    explanation = models.JSONField(_("说明"), default=list)
    changes = models.JSONField(_("变化情况"), default=list)
    rules_version = models.CharField(_("规则版本"), max_length=64, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PROPOSED
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
    decision_reason = models.TextField(_("审批意见"), blank=True)

    class Meta:
        verbose_name = _("动态管理复核")
        verbose_name_plural = _("动态管理复核")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule"],
                condition=Q(status=ReviewStatus.PROPOSED),
                name="one_open_review_per_schedule",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.schedule_id}:{self.kind}"


class TownshipReserve(BaseModel):
    """A 镇街's 临时救助 备用金 for a year: 先行救助 is paid from it and reviewed after."""

    township = models.ForeignKey(
        "divisions.Division", verbose_name=_("镇街"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    budget = models.DecimalField(_("备用金额度"), max_digits=12, decimal_places=2)
    spent = models.DecimalField(_("已使用"), max_digits=12, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("镇街临时救助备用金")
        verbose_name_plural = _("镇街临时救助备用金")
        constraints = [
            models.UniqueConstraint(fields=["township", "year"], name="one_reserve_per_year"),
            models.CheckConstraint(
                condition=Q(spent__lte=F("budget")), name="reserve_not_overspent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.township_id}:{self.year}"
