"""Access checks of the 幸福清单: a household outside the actor's jurisdiction looks like none."""

from typing import TYPE_CHECKING

from minzheng.accounts.enums import Capability
from minzheng.accounts.permissions import Actor
from minzheng.core.ids import RecordId
from minzheng.registry.permissions import access_household

if TYPE_CHECKING:
    from minzheng.registry.models import Household


def access_statement(*, actor: Actor, household_id: RecordId) -> "Household":
    """The household whose 幸福清单 the actor may read and print.

    Raises NotFound when the household is outside the actor's jurisdiction, does not exist, or
    the actor may not read the registry at all; PermissionDenied when the actor reads the
    registry but lacks ``STATEMENT_VIEW``, as the registry treats its own capabilities.
    """
    return access_household(
        actor=actor, household_id=household_id, capability=Capability.STATEMENT_VIEW
    )
