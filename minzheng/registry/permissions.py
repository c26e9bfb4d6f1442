"""Access checks: a record outside the actor's jurisdiction is indistinguishable from none."""

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import Actor, jurisdiction_range
from minzheng.core.exceptions import NotFound, PermissionDenied
from minzheng.core.ids import RecordId, record_id
from minzheng.registry.models import Household, Person


def _scope(actor: Actor, capability: Capability) -> tuple[int, int]:
    """The actor's range for ``capability``.

    An actor who may not see the registry at all learns nothing, not even that the record
    exists (404). One who may see it but lacks a stronger capability, such as revealing an
    identifier, is told so (403).
    """
    try:
        return jurisdiction_range(actor=actor, capability=capability)
    except PermissionDenied:
        may_view = isinstance(actor, User) and actor.has_capability(Capability.REGISTRY_VIEW)
        if may_view and capability != Capability.REGISTRY_VIEW:
            raise
        raise NotFound from None


def access_household(
    *, actor: Actor, household_id: RecordId, capability: Capability = Capability.REGISTRY_VIEW
) -> Household:
    """The household if the actor holds ``capability`` over its division, else NotFound."""
    low, high = _scope(actor, capability)
    household = (
        Household.objects.in_division_range(low, high)
        .select_related("division", "address")
        .filter(pk=record_id(household_id))
        .first()
    )
    if household is None:
        raise NotFound
    return household


def access_person(
    *, actor: Actor, person_id: RecordId, capability: Capability = Capability.REGISTRY_VIEW
) -> tuple[Person, Household]:
    """The person and the current household that places them inside the actor's jurisdiction."""
    low, high = _scope(actor, capability)
    person = Person.objects.filter(
        pk=record_id(person_id),
        memberships__ended_on__isnull=True,
        memberships__household__division__code__range=(low, high),
    ).first()
    if person is None:
        raise NotFound
    household = Household.objects.get(memberships__person=person, memberships__ended_on=None)
    return person, household
