"""Who may see and resolve which address aliases.

An alias belongs to its 镇街 (``township``). A user with ``ADDRESS_RESOLVE`` works on the
aliases of the townships inside their jurisdiction; aliases whose township could not be told
from the text (no township) are county work and reach county-level users only.
"""

from dataclasses import dataclass

from django.db.models import Q

from minzheng.accounts.enums import Capability
from minzheng.accounts.permissions import Actor, jurisdiction_range, require_capability
from minzheng.addresses.models import AddressAlias
from minzheng.core.exceptions import NotFound
from minzheng.core.ids import RecordId, record_id
from minzheng.divisions.enums import DivisionLevel


@dataclass(frozen=True)
class AliasScope:
    """The division range an actor resolves addresses in, and whether that is a whole county."""

    low: int
    high: int
    sees_unlocated: bool

    def aliases(self) -> Q:
        """Filter on ``AddressAlias``: the aliases this scope covers."""
        located = Q(township__code__range=(self.low, self.high))
        return located | Q(township__isnull=True) if self.sees_unlocated else located

    def covers_township(self, township: int | None) -> bool:
        if township is None:
            return self.sees_unlocated
        return self.low <= township <= self.high

    def covers_division(self, code: int) -> bool:
        return self.low <= code <= self.high


def alias_scope(*, actor: Actor) -> AliasScope:
    """The actor's scope for ``ADDRESS_RESOLVE``; PermissionDenied without it."""
    user = require_capability(actor=actor, capability=Capability.ADDRESS_RESOLVE)
    low, high = jurisdiction_range(actor=user, capability=Capability.ADDRESS_RESOLVE)
    jurisdiction = user.jurisdiction
    county_wide = jurisdiction is not None and jurisdiction.level <= DivisionLevel.COUNTY
    return AliasScope(low=low, high=high, sees_unlocated=county_wide)


def access_address_alias(*, actor: Actor, alias_id: RecordId) -> AddressAlias:
    """The alias if it lies in the actor's scope, else NotFound."""
    scope = alias_scope(actor=actor)
    alias = (
        AddressAlias.objects.filter(scope.aliases(), pk=record_id(alias_id))
        .select_related("address", "township")
        .first()
    )
    if alias is None:
        raise NotFound
    return alias
