"""在册对象: the recipients a county had before minzheng, brought in from the provincial roll.

Each roll row is a ``CaseloadEntry``: who receives which programme, how much, since when and
by whose decision, and the bank account it is paid into. The entries of a household hang on
a migrated (在册迁移) decided ``Application`` whose items and payment schedules carry the
benefits on (ADR 0021). Where the rules judge a migrated benefit differently, a
``CaseloadReview`` puts it to a worker; nothing changes a benefit by itself.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.cases.enums import CaseloadFinding, CaseloadReviewStatus
from minzheng.cases.models.applications import ApplicationItem
from minzheng.cases.models.reviews import BenefitReview
from minzheng.core.models import BaseModel


class CaseloadEntry(BaseModel):
    """One row of the roll as last imported; its ``record_id`` makes a re-import recognisable."""

    record_id = models.CharField(_("记录编号"), max_length=64, unique=True)
    # The feed import that last wrote the row (integration's record; no foreign key across).
    feed_import_id = models.UUIDField(_("数据导入"))
    person = models.ForeignKey(
        "registry.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="+"
    )
    household = models.ForeignKey(
        "registry.Household", verbose_name=_("户"), on_delete=models.PROTECT, related_name="+"
    )
    application_item = models.ForeignKey(
        ApplicationItem,
        verbose_name=_("迁移事项"),
        on_delete=models.PROTECT,
        related_name="caseload_entries",
    )
    roll_household = models.CharField(_("户编号"), max_length=64, blank=True)
    amount = models.DecimalField(_("保障金额"), max_digits=10, decimal_places=2)
    care_amount = models.DecimalField(
        _("照料护理费"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    care_tier = models.CharField(_("照料护理等级"), max_length=8, blank=True)
    start_date = models.DateField(_("起始日期"))
    approving_authority = models.CharField(_("审批机关"), max_length=255, blank=True)
    # Where the old system paid it. The payments app owns recipients' accounts; it reads these
    # through ``caseload_bank_accounts`` once, and they are masked wherever they are shown.
    account_kind = models.CharField(_("账户类型"), max_length=16, blank=True)
    bank = models.CharField(_("开户银行"), max_length=255, blank=True)
    account_number = models.CharField(_("银行账号"), max_length=64, blank=True)
    account_holder = models.CharField(_("账户户名"), max_length=64, blank=True)
    # SHA-1 of the row as imported: the same row again changes nothing.
    digest = models.CharField(_("内容摘要"), max_length=40)

    class Meta:
        verbose_name = _("在册对象")
        verbose_name_plural = _("在册对象")
        indexes = [models.Index(fields=["updated_at"], name="caseload_entry_updated_idx")]

    def __str__(self) -> str:
        return self.record_id


class CaseloadReview(BaseModel):
    """A migrated benefit the rules judge differently, for a worker to keep or review (复核)."""

    household = models.ForeignKey(
        "registry.Household", verbose_name=_("户"), on_delete=models.PROTECT, related_name="+"
    )
    application_item = models.ForeignKey(
        ApplicationItem,
        verbose_name=_("迁移事项"),
        on_delete=models.PROTECT,
        related_name="caseload_reviews",
    )
    findings = models.JSONField(_("复核原因"), default=list)
    roll_amount = models.DecimalField(_("在册金额"), max_digits=10, decimal_places=2)
    rules_eligible = models.BooleanField(_("规则判定符合"), null=True, blank=True)
    rules_amount = models.DecimalField(
        _("规则测算金额"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    rules_programme = models.CharField(_("规则项目"), max_length=32, blank=True)
    rules_as_of = models.DateField(_("判定日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=CaseloadReviewStatus.choices,
        default=CaseloadReviewStatus.PENDING,
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    resolution_reason = models.TextField(_("处理理由"), blank=True)
    benefit_review = models.ForeignKey(
        BenefitReview,
        verbose_name=_("动态管理复核"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("在册复核")
        verbose_name_plural = _("在册复核")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application_item"],
                condition=Q(status=CaseloadReviewStatus.PENDING),
                name="one_pending_caseload_review",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="caseload_review_queue_idx")]

    def __str__(self) -> str:
        return f"{self.application_item_id}:{self.status}"

    @property
    def finding_labels(self) -> list[str]:
        return [str(CaseloadFinding(code).label) for code in self.findings]
