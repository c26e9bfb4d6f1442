from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    """Where benefits are paid: the cards a county's 代发 goes to."""

    SOCIAL_SECURITY_CARD = "social_security_card", _("社会保障卡")
    HUIMIN_CARD = "huimin_card", _("惠民惠农一卡通")
    BANK_ACCOUNT = "bank_account", _("其他银行账户")


class BatchKind(models.TextChoices):
    REGULAR = "regular", _("月度发放")
    SUPPLEMENTARY = "supplementary", _("补发")


class BatchStatus(models.TextChoices):
    """A batch's steps, in order; each is done by a different person (see ``services.batches``)."""

    PREPARED = "prepared", _("已制单")
    CHECKED = "checked", _("已复核")
    APPROVED = "approved", _("已审批")
    EXPORTED = "exported", _("已生成银行文件")
    RECONCILED = "reconciled", _("已对账")
    CANCELLED = "cancelled", _("已作废")


class LineStatus(models.TextChoices):
    PENDING = "pending", _("待银行发放")
    PAID = "paid", _("已到账")
    FAILED = "failed", _("发放失败")


class LineChange(models.TextChoices):
    """How a line differs from what the household was paid for the item the month before."""

    NEW = "new", _("新增")
    SAME = "same", _("与上月相同")
    CHANGED = "changed", _("金额变化")
    ARREARS = "arrears", _("补发往月")
    REISSUE = "reissue", _("失败重发")
    ONE_OFF = "one_off", _("一次性发放")


class RecoveryStatus(models.TextChoices):
    OPEN = "open", _("待追缴")
    RECOVERED = "recovered", _("已追回")
    WAIVED = "waived", _("已核销")


class PaymentsErrorCode(models.TextChoices):
    TOO_EARLY = "too_early", _("尚未到可发放日期")
    RETURN_MISMATCH = "return_mismatch", _("银行回盘与批次不符")
