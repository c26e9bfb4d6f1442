"""How the audit log names the registry's targets (``core.audit_targets``)."""

from django.utils.translation import gettext_lazy as _

from minzheng.core.audit_targets import AuditTarget, audit_target_register
from minzheng.registry.models import Household, Person
from minzheng.registry.selectors import household_numbers


def register() -> None:
    audit_target_register(
        "registry.household",
        AuditTarget(label=_("户"), model=Household, names=household_numbers),
    )
    # A person by the masked number: the log names whom it concerns without revealing it.
    audit_target_register(
        "registry.person",
        AuditTarget(label=_("人员"), model=Person, name=lambda person: person.id_number_masked),
    )
