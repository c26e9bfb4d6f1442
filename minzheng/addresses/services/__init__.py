"""Writes of the addresses app: standard addresses and the aliases that point at them."""

from minzheng.addresses.services.addresses import (
    ADDRESS_PARTS,
    address_compose,
    address_get_or_create,
)
from minzheng.addresses.services.aliases import (
    AliasResolution,
    address_alias_resolve_manually,
    address_aliases_rematch,
    address_aliases_resolve,
)

__all__ = [
    "ADDRESS_PARTS",
    "AliasResolution",
    "address_alias_resolve_manually",
    "address_aliases_rematch",
    "address_aliases_resolve",
    "address_compose",
    "address_get_or_create",
]
