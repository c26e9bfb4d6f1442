"""How the audit log names the policy parameters (``core.audit_targets``)."""

from django.utils.translation import gettext_lazy as _

from minzheng.core.audit_targets import AuditTarget, audit_target_register
from minzheng.eligibility.models import ParameterChangeProposal, ParameterValue


def _dated(row: ParameterValue | ParameterChangeProposal) -> str:
    return f"{row.get_name_display()} {row.start:%Y-%m-%d}"


def register() -> None:
    audit_target_register(
        "eligibility.parameter_value",
        AuditTarget(label=_("政策参数取值"), model=ParameterValue, name=_dated),
    )
    audit_target_register(
        "eligibility.parameter_proposal",
        AuditTarget(label=_("政策参数变更申请"), model=ParameterChangeProposal, name=_dated),
    )
