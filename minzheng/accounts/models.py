import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from minzheng.accounts.enums import ROLE_CAPABILITIES, Capability, Role
from minzheng.core.models import BaseModel


class User(AbstractUser):
    """A staff member. Citizens do not log in here."""

    display_name = models.CharField(_("姓名"), max_length=64, blank=True)
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)
    jurisdiction = models.ForeignKey(
        "divisions.Division",
        verbose_name=_("管辖区划"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_synthetic = models.BooleanField(_("演示账号"), default=False)

    class Meta:
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")

    def __str__(self) -> str:
        return self.display_name or self.username

    def has_capability(self, capability: Capability) -> bool:
        """True when the role grants it and the user is bound to a jurisdiction."""
        if not self.is_active or self.jurisdiction_id is None or not self.role:
            return False
        return capability in ROLE_CAPABILITIES.get(Role(self.role), frozenset())


class ApiToken(BaseModel):
    """A bearer token for the API. Only its SHA-256 digest is stored."""

    user = models.ForeignKey(
        User, verbose_name=_("工作人员"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("用途"), max_length=64)
    digest = models.CharField(_("摘要"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("过期时间"))
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    # ``ApiScope`` values; an endpoint answers a token only if the token holds its scope.
    scopes = models.JSONField(_("权限范围"), default=list)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()
