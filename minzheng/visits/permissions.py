"""Access checks of 探访 and 微心愿.

Recording visits needs ``VISIT_RECORD`` over the household's 村社; staff without it are told so
(403), and a household outside the jurisdiction looks like none (404). The wish list needs
``WISH_VIEW`` and shows charity staff only the public wishes of their jurisdiction; claiming one
needs ``WISH_CLAIM`` over it. The staff who raised wishes on their visits follow them under
``VISIT_RECORD``.
"""

from typing import TYPE_CHECKING

from minzheng.accounts.enums import Capability
from minzheng.accounts.permissions import Actor, jurisdiction_range
from minzheng.core.ids import RecordId
from minzheng.registry.permissions import access_household

if TYPE_CHECKING:
    from minzheng.registry.models import Household


def visit_scope(*, actor: Actor) -> tuple[int, int]:
    """The division range whose households the actor visits; PermissionDenied (403) if none."""
    return jurisdiction_range(actor=actor, capability=Capability.VISIT_RECORD)


def wish_scope(*, actor: Actor) -> tuple[int, int]:
    """The division range whose wishes the actor may read; PermissionDenied (403) if none."""
    return jurisdiction_range(actor=actor, capability=Capability.WISH_VIEW)


def wish_claim_scope(*, actor: Actor) -> tuple[int, int]:
    """The division range whose public wishes the actor may claim; PermissionDenied if none."""
    return jurisdiction_range(actor=actor, capability=Capability.WISH_CLAIM)


def access_visit_household(*, actor: Actor, household_id: RecordId) -> "Household":
    """The household, with its 村社, if the actor may visit it.

    Raises:
        PermissionDenied: the actor does not record visits at all.
        NotFound: the household does not exist or lies outside the jurisdiction.
    """
    visit_scope(actor=actor)
    return access_household(
        actor=actor, household_id=household_id, capability=Capability.VISIT_RECORD
    )
