"""How the audit log names the applications' targets (``core.audit_targets``)."""

from django.utils.translation import gettext_lazy as _

from minzheng.cases.enums import StepKind
from minzheng.cases.models import Application
from minzheng.cases.services.records import HOUSEHOLD_APPLICATIONS_TARGET
from minzheng.cases.services.workflow import APPLICATION_TARGET
from minzheng.core.audit_targets import AuditTarget, audit_target_register
from minzheng.registry.selectors import household_numbers


def register() -> None:
    audit_target_register(
        APPLICATION_TARGET,
        AuditTarget(
            label=_("救助申请"),
            model=Application,
            name=lambda application: application.number,
            choices={"step": StepKind.choices},
        ),
    )
    audit_target_register(
        HOUSEHOLD_APPLICATIONS_TARGET,
        AuditTarget(label=_("户的救助申请"), names=household_numbers),
    )
