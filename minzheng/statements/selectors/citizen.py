"""Whom a signed-in citizen is, and the one household whose statement they may see."""

import uuid
from dataclasses import dataclass

from minzheng.registry.enums import HouseholdStatus, PersonStatus
from minzheng.registry.models import Membership


@dataclass(frozen=True)
class CitizenHousehold:
    person_id: uuid.UUID
    name: str
    id_number_masked: str
    household_id: uuid.UUID


def citizen_household(*, person_id: uuid.UUID) -> CitizenHousehold | None:
    """The living person and the active household they currently belong to, else None.

    Derived from the current membership only: a citizen never names a household.
    """
    membership = (
        Membership.objects.current()
        .filter(
            person_id=person_id,
            person__status=PersonStatus.ALIVE,
            household__status=HouseholdStatus.ACTIVE,
        )
        .select_related("person")
        .first()
    )
    if membership is None:
        return None
    person = membership.person
    return CitizenHousehold(
        person_id=person.pk,
        name=person.name,
        id_number_masked=person.id_number_masked,
        household_id=membership.household_id,
    )
