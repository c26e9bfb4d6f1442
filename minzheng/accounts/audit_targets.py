"""How the audit log names its own export and the staff accounts (``core.audit_targets``)."""

from django.utils.translation import gettext_lazy as _

from minzheng.accounts.models import User
from minzheng.accounts.services.audit_export import AUDIT_LOG_TARGET
from minzheng.core.audit_targets import AuditTarget, audit_target_register


def register() -> None:
    audit_target_register(
        AUDIT_LOG_TARGET,
        AuditTarget(label=_("审计日志"), labels={"action": _("动作"), "username": _("账号")}),
    )
    audit_target_register(
        "accounts.user",
        AuditTarget(label=_("账号"), model=User, name=lambda user: user.get_username()),
    )
