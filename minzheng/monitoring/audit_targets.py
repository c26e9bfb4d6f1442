"""How the audit log names the warning targets (``core.audit_targets``)."""

from django.utils.translation import gettext_lazy as _

from minzheng.core.audit_targets import AuditTarget, audit_target_register
from minzheng.monitoring.models import EarlyWarning
from minzheng.monitoring.views_household import HOUSEHOLD_WARNINGS_TARGET
from minzheng.registry.selectors import household_numbers


def register() -> None:
    audit_target_register(
        "monitoring.warning",
        AuditTarget(
            label=_("预警"),
            model=EarlyWarning,
            name=lambda warning: warning.get_cause_display(),
        ),
    )
    audit_target_register(
        HOUSEHOLD_WARNINGS_TARGET, AuditTarget(label=_("户的预警"), names=household_numbers)
    )
