"""Access to household profiles: PROFILE_VIEW over the household's 村社, else nothing."""

from typing import TYPE_CHECKING

from minzheng.accounts.enums import Capability
from minzheng.accounts.permissions import Actor
from minzheng.core.ids import RecordId
from minzheng.registry.permissions import access_household

if TYPE_CHECKING:
    from minzheng.registry.models import Household


def access_profile(*, actor: Actor, household_id: RecordId) -> "Household":
    """The household if the actor may read its profile; NotFound / PermissionDenied otherwise."""
    return access_household(
        actor=actor, household_id=household_id, capability=Capability.PROFILE_VIEW
    )
