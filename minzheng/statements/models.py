"""Issued 幸福清单 documents, and the one-time codes citizens sign in with."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minzheng.core.models import BaseModel


class StatementDocument(BaseModel):
    """A printed statement: its token for the QR code and a digest of what it said.

    The digest covers the statement's canonical content (lines, amounts, dates), not the PDF
    bytes, so the verification page can recompute it from today's data and tell whether the
    household's statement has changed since (ADR 0011). Only masked personal data is kept.
    """

    household = models.ForeignKey(
        "registry.Household", verbose_name=_("户"), on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("签发时间"))
    # None when the family printed its own statement.
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    token = models.CharField(_("核验码"), max_length=64, unique=True)
    digest = models.CharField(_("内容摘要"), max_length=64)
    year = models.PositiveSmallIntegerField(_("清单年度"))
    line_count = models.PositiveSmallIntegerField(_("事项数"))
    annual_total = models.DecimalField(_("全年合计"), max_digits=12, decimal_places=2)
    head_name_masked = models.CharField(_("户主(隐藏)"), max_length=64)
    household_number_masked = models.CharField(_("户号(隐藏)"), max_length=32)

    class Meta:
        verbose_name = _("幸福清单文书")
        verbose_name_plural = _("幸福清单文书")
        ordering = ["-issued_at"]
        indexes = [
            models.Index(fields=["household", "issued_at"], name="statement_doc_household_idx")
        ]

    def __str__(self) -> str:
        return f"{self.household_number_masked} {self.issued_at:%Y-%m-%d}"


class SignInCode(BaseModel):
    """One request for a citizen sign-in code, kept whether or not a code was sent.

    A row is written for unknown ID numbers too (``person`` is None, ``code_digest`` empty):
    the hourly limits then count every request alike and the answer never tells whether an ID
    exists. The ID number itself is never stored, only a keyed digest of it.
    """

    id_number_digest = models.CharField(_("证件号摘要"), max_length=64)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("人员"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    code_digest = models.CharField(_("验证码摘要"), max_length=64, blank=True)
    expires_at = models.DateTimeField(_("过期时间"))
    attempts = models.PositiveSmallIntegerField(_("已尝试次数"), default=0)
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("居民登录验证码")
        verbose_name_plural = _("居民登录验证码")
        indexes = [
            models.Index(fields=["id_number_digest", "created_at"], name="signin_code_id_idx"),
            models.Index(fields=["ip_address", "created_at"], name="signin_code_ip_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.pk}"
