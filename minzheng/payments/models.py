"""The payment backbone: recipients' accounts, monthly batches and their lines, recoveries.

What a household is owed comes from the cases app's payment schedules; what it was paid is
only ever a ``PaymentLine`` of a batch that went through 制单 → 复核 → 审批 → 银行文件 → 对账
(ADR 0017). A line whose bank return failed no longer counts as paid, so the month is owed
again and the next batch, or a supplementary one, issues it anew. The partial unique
constraint ``line_paid_once`` is what makes "never pay a month twice" a property of the
database rather than of the code.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.core.dated_settings import DatedSetting
from minzheng.core.models import BaseModel
from minzheng.payments.enums import (
    AccountKind,
    BatchKind,
    BatchStatus,
    LineChange,
    LineStatus,
    RecoveryStatus,
)


def masked_account(number: str) -> str:
    """6217 **** 1234: enough for a family or a clerk to recognise the card, not to use it."""
    return f"{number[:4]} **** {number[-4:]}" if len(number) > 8 else "****"


class BankAccount(BaseModel):
    """The account a household's benefits are paid into, held by one of its members.

    Changed only through ``services.accounts.account_set``: the old row is ended, never
    overwritten, so a bank file made last month still shows where that money went.
    """

    household = models.ForeignKey(
        "registry.Household", verbose_name=_("户"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "registry.Person", verbose_name=_("持卡人"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("账户类型"), max_length=24, choices=AccountKind.choices)
    bank_name = models.CharField(_("开户银行"), max_length=64)
    number = models.CharField(_("账号"), max_length=32)
    holder_name = models.CharField(_("户名"), max_length=64)
    ended_at = models.DateTimeField(_("停用时间"), null=True, blank=True)
    change_reason = models.CharField(_("变更原因"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("收款账户")
        verbose_name_plural = _("收款账户")
        ordering = ["household", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(ended_at__isnull=True),
                name="account_one_current_per_household",
            ),
        ]

    def __str__(self) -> str:
        return self.number_masked

    @property
    def number_masked(self) -> str:
        return masked_account(self.number)


class PaymentBatch(BaseModel):
    """One month's payments for the county or one 镇街, taken through its steps by three people."""

    number = models.CharField(_("批次号"), max_length=24, unique=True)
    month = models.DateField(_("发放月份"))
    kind = models.CharField(_("批次类型"), max_length=16, choices=BatchKind.choices)
    # The county, or one 镇街: whose households the batch pays.
    division = models.ForeignKey(
        "divisions.Division", verbose_name=_("范围"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=16, choices=BatchStatus.choices)
    payee_count = models.PositiveIntegerField(_("笔数"), default=0)
    total_amount = models.DecimalField(_("金额合计"), max_digits=14, decimal_places=2, default=0)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("制单人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    prepared_at = models.DateTimeField(_("制单时间"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("复核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("复核时间"), null=True, blank=True)
    check_note = models.TextField(_("复核意见"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    approve_note = models.TextField(_("审批意见"), blank=True)
    bank_layout = models.CharField(_("银行文件格式"), max_length=32, blank=True)
    file_sha256 = models.CharField(_("银行文件校验值"), max_length=64, blank=True)
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导出人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    exported_at = models.DateTimeField(_("导出时间"), null=True, blank=True)
    return_sha256 = models.CharField(_("回盘文件校验值"), max_length=64, blank=True)
    reconciled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("对账人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reconciled_at = models.DateTimeField(_("对账时间"), null=True, blank=True)
    paid_count = models.PositiveIntegerField(_("成功笔数"), default=0)
    paid_amount = models.DecimalField(_("成功金额"), max_digits=14, decimal_places=2, default=0)
    failed_count = models.PositiveIntegerField(_("失败笔数"), default=0)
    failed_amount = models.DecimalField(_("失败金额"), max_digits=14, decimal_places=2, default=0)
    cancel_reason = models.TextField(_("作废原因"), blank=True)

    class Meta:
        verbose_name = _("发放批次")
        verbose_name_plural = _("发放批次")
        ordering = ["-month", "-prepared_at"]
        indexes = [models.Index(fields=["month", "status"], name="batch_month_status_idx")]

    def __str__(self) -> str:
        return self.number


class PaymentLine(models.Model):
    """One month of one schedule paid to one account, as the bank file carries it.

    The account is copied onto the line when the batch is made, so the file that was checked
    and approved is the file the bank receives, whatever changes later.
    """

    id = models.BigAutoField(primary_key=True)
    batch = models.ForeignKey(
        PaymentBatch, verbose_name=_("批次"), on_delete=models.CASCADE, related_name="lines"
    )
    sequence = models.PositiveIntegerField(_("序号"))
    schedule = models.ForeignKey(
        "cases.PaymentSchedule",
        verbose_name=_("发放计划"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    household = models.ForeignKey(
        "registry.Household", verbose_name=_("户"), on_delete=models.PROTECT, related_name="+"
    )
    # The household's 村(社区) when the batch was made: funds are reported per 镇街 by it.
    division_code = models.BigIntegerField(_("村(社区)"))
    item = models.ForeignKey(
        "cases.AssistanceItem",
        verbose_name=_("救助事项"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    month = models.DateField(_("所属月份"))
    gross = models.DecimalField(_("应发金额"), max_digits=10, decimal_places=2)
    offset = models.DecimalField(_("抵扣追缴"), max_digits=10, decimal_places=2, default=0)
    amount = models.DecimalField(_("实发金额"), max_digits=10, decimal_places=2)
    change = models.CharField(_("变动"), max_length=16, choices=LineChange.choices)
    account = models.ForeignKey(
        BankAccount, verbose_name=_("收款账户"), on_delete=models.PROTECT, related_name="+"
    )
    account_number = models.CharField(_("账号"), max_length=32)
    holder_name = models.CharField(_("户名"), max_length=64)
    holder_id_number = models.CharField(_("证件号"), max_length=32)
    status = models.CharField(
        _("状态"), max_length=16, choices=LineStatus.choices, default=LineStatus.PENDING
    )
    bank_reason = models.CharField(_("银行说明"), max_length=128, blank=True)
    settled_at = models.DateTimeField(_("到账时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("发放明细")
        verbose_name_plural = _("发放明细")
        ordering = ["batch", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "month"],
                condition=~Q(status=LineStatus.FAILED),
                name="line_paid_once",
            ),
            models.UniqueConstraint(fields=["batch", "sequence"], name="line_sequence_unique"),
        ]
        indexes = [
            models.Index(fields=["household", "month"], name="line_household_month_idx"),
            models.Index(fields=["status", "month"], name="line_status_month_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.sequence}"

    @property
    def account_masked(self) -> str:
        return masked_account(self.account_number)


class Recovery(BaseModel):
    """追缴: a month paid that the household was not owed (a stop found late)."""

    household = models.ForeignKey(
        "registry.Household", verbose_name=_("户"), on_delete=models.PROTECT, related_name="+"
    )
    line = models.OneToOneField(
        PaymentLine, verbose_name=_("多发明细"), on_delete=models.PROTECT, related_name="recovery"
    )
    amount = models.DecimalField(_("应追缴金额"), max_digits=10, decimal_places=2)
    recovered = models.DecimalField(_("已追回金额"), max_digits=10, decimal_places=2, default=0)
    status = models.CharField(
        _("状态"), max_length=16, choices=RecoveryStatus.choices, default=RecoveryStatus.OPEN
    )
    note = models.TextField(_("处理说明"), blank=True)

    class Meta:
        verbose_name = _("追缴")
        verbose_name_plural = _("追缴")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["household", "status"], name="recovery_household_idx")]

    def __str__(self) -> str:
        return f"{self.household_id}:{self.amount}"


class RecoveryOffset(models.Model):
    """Part of a recovery deducted from a later payment to the same household."""

    id = models.BigAutoField(primary_key=True)
    recovery = models.ForeignKey(
        Recovery, verbose_name=_("追缴"), on_delete=models.CASCADE, related_name="offsets"
    )
    line = models.ForeignKey(
        PaymentLine, verbose_name=_("抵扣明细"), on_delete=models.CASCADE, related_name="offsets"
    )
    amount = models.DecimalField(_("抵扣金额"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("追缴抵扣")
        verbose_name_plural = _("追缴抵扣")

    def __str__(self) -> str:
        return f"{self.recovery_id}:{self.amount}"


class PaymentSetting(DatedSetting):
    """A county's dated values of the payment rules (see ``settings.PAYMENT_SETTINGS``)."""

    class Meta(DatedSetting.Meta):
        verbose_name = _("发放规则取值")
        verbose_name_plural = _("发放规则取值")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "region", "start"], name="payment_setting_one_per_date"
            ),
        ]
