"""Access checks of 预警: a warning outside the actor's jurisdiction looks like none.

Staff holding ``warning.handle`` see and close the warnings of households inside their
jurisdiction: the 村社 worker those of the 村社, the 镇街 worker those of its 村社, the county
all. Staff without the capability are refused (403); other jurisdictions learn nothing (404).
"""

from typing import TYPE_CHECKING

from minzheng.accounts.enums import Capability
from minzheng.accounts.permissions import Actor, jurisdiction_range
from minzheng.core.exceptions import NotFound
from minzheng.core.ids import RecordId, record_id
from minzheng.monitoring.models import EarlyWarning
from minzheng.registry.permissions import access_household

if TYPE_CHECKING:
    from minzheng.registry.models import Household


def warning_scope(*, actor: Actor) -> tuple[int, int]:
    """The division range whose warnings the actor handles; PermissionDenied without the role."""
    return jurisdiction_range(actor=actor, capability=Capability.WARNING_HANDLE)


def access_warning(*, actor: Actor, warning_id: RecordId) -> EarlyWarning:
    """The warning with its household, if inside the actor's jurisdiction; else NotFound.

    Raises:
        PermissionDenied: the actor may handle no warning at all.
        NotFound: no such warning inside the actor's jurisdiction.
    """
    low, high = warning_scope(actor=actor)
    warning = (
        EarlyWarning.objects.in_division_range(low, high)
        .select_related("household", "application")
        .filter(pk=record_id(warning_id))
        .first()
    )
    if warning is None:
        raise NotFound
    return warning


def access_warning_household(*, actor: Actor, household_id: RecordId) -> "Household":
    """The household whose warnings the actor may list on its household page.

    Raises PermissionDenied for staff who handle no warnings; NotFound outside the jurisdiction.
    """
    warning_scope(actor=actor)
    return access_household(
        actor=actor, household_id=household_id, capability=Capability.WARNING_HANDLE
    )
