"""Capability and jurisdiction checks shared by every app's ``access_*`` functions."""

from django.contrib.auth.models import AnonymousUser

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.core.exceptions import PermissionDenied

Actor = User | AnonymousUser


def require_capability(*, actor: Actor, capability: Capability) -> User:
    """Return the actor as a staff user, or refuse with 403."""
    if not isinstance(actor, User) or not actor.has_capability(capability):
        raise PermissionDenied
    return actor


def jurisdiction_range(*, actor: Actor, capability: Capability) -> tuple[int, int]:
    """The inclusive range of division codes the actor may act on with ``capability``."""
    user = require_capability(actor=actor, capability=capability)
    if user.jurisdiction is None:
        raise PermissionDenied
    return user.jurisdiction.code_range()


def require_actor(actor: object) -> User:
    """The actor as an active user (staff or the system actor); PermissionDenied for None or an
    anonymous visitor: no service runs unattributed (ADR 0033)."""
    if not isinstance(actor, User) or not actor.is_active:
        raise PermissionDenied
    return actor
