"""Whom a signed-in citizen is, and the one household whose statement they may see."""

import uuid
from dataclasses import dataclass

from minzheng.registry.selectors import living_membership


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
    membership = living_membership(person_id=person_id)
    if membership is None:
        return None
    person = membership.person
    return CitizenHousehold(
        person_id=person.pk,
        name=person.name,
        id_number_masked=person.id_number_masked,
        household_id=membership.household_id,
    )
