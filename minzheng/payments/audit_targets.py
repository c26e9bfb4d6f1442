"""How the audit log names the payment targets (``core.audit_targets``)."""

from django.utils.translation import gettext_lazy as _

from minzheng.core.audit_targets import AuditTarget, audit_target_register
from minzheng.payments.models import PaymentBatch
from minzheng.registry.selectors import household_numbers


def register() -> None:
    audit_target_register(
        "payments.batch",
        AuditTarget(label=_("发放批次"), model=PaymentBatch, name=lambda batch: batch.number),
    )
    audit_target_register(
        "payments.household_ledger", AuditTarget(label=_("发放台账"), names=household_numbers)
    )
