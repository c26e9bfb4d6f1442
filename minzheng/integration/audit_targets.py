"""How the audit log names the 核对报告 (``core.audit_targets``)."""

from django.utils.translation import gettext_lazy as _

from minzheng.core.audit_targets import AuditTarget, audit_target_register
from minzheng.integration.views_report import CHECK_REPORT_TARGET
from minzheng.registry.selectors import household_numbers


def register() -> None:
    audit_target_register(
        CHECK_REPORT_TARGET, AuditTarget(label=_("核对报告"), names=household_numbers)
    )
