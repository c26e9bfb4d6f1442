from django.db import models
from django.utils.translation import gettext_lazy as _


class StatementsErrorCode(models.TextChoices):
    """Codes beside the core ones for this app's refusals."""

    RATE_LIMITED = "rate_limited", _("请求过于频繁")
    CODE_INVALID = "code_invalid", _("验证码不正确")
    CODE_EXPIRED = "code_expired", _("验证码已失效")
    CODE_EXHAUSTED = "code_exhausted", _("验证码尝试次数过多")
