"""Which households a search matches, in display order, one page at a time.

Every strategy reads an index in order and stops once the page is full, because ordering all
matches first is what a county-scale search cannot afford: two pinyin initials match thousands
of people. The planners cannot be trusted to find that plan by themselves (measured at 700,000
persons: SQLite walked the whole jurisdiction's households, 2 s; PostgreSQL misjudged the
jurisdiction filter, 1.6 s), so names and initials are searched in two plain steps here:
persons from their own index in batches, then their current households inside the
jurisdiction. Each step has only one sensible plan on either database.
"""

import uuid
from dataclasses import dataclass

from minzheng_pipeline.identifiers import normalise

from minzheng.addresses.selectors import address_ids_containing
from minzheng.registry.enums import SearchField
from minzheng.registry.models import Household, Membership, Person

BATCH = 1_000
# A page that has not filled after this many matching persons (a village worker typing one
# common surname) is shown as it is, marked truncated, rather than scanning the county.
MAX_PERSONS_SCANNED = 30_000


@dataclass(frozen=True)
class Window:
    """Household or address ids of one page plus one more (to tell if a next page exists)."""

    ids: list[uuid.UUID]
    truncated: bool = False


def person_prefix_hits(
    *, field: SearchField, query: str, scope: tuple[int, int], wanted: int
) -> Window:
    """Households of persons whose name (or initials) start with ``query``, by that index."""
    column = "name" if field == SearchField.NAME else "name_initials"
    value = query if field == SearchField.NAME else query.lower()
    persons = (
        Person.objects.filter(**{f"{column}__prefix": value})
        .order_by(column, "id")
        .values_list("id", flat=True)
    )
    hits: list[uuid.UUID] = []
    for start in range(0, MAX_PERSONS_SCANNED, BATCH):
        batch = list(persons[start : start + BATCH])
        homes = dict(
            Membership.objects.current()
            .filter(person_id__in=batch, household__division__code__range=scope)
            .values_list("person_id", "household_id")
        )
        hits += [homes[person] for person in batch if person in homes]
        if len(hits) >= wanted or len(batch) < BATCH:
            return Window(hits[:wanted])
    return Window(hits[:wanted], truncated=True)


def exact_hits(*, field: SearchField, query: str, scope: tuple[int, int], wanted: int) -> Window:
    """Households holding the ID number, or the phone on the household or a member."""
    members = Membership.objects.current().filter(household__division__code__range=scope)
    if field == SearchField.ID_NUMBER:
        found = members.filter(person__id_number=normalise(query)).values_list("household_id")
        return Window([household for (household,) in found[:wanted]])
    # Two exact lookups, each on its own index: an OR of them scans every household.
    phone = query.replace("-", "").replace(" ", "")
    own = Household.objects.in_division_range(*scope).filter(phone=phone)
    by_member = members.filter(person__phone=phone).values_list("household_id", flat=True)
    return Window(sorted({*own.values_list("pk", flat=True), *by_member}, key=str)[:wanted])


def address_hits(*, query: str, scope: tuple[int, int], skip: int, wanted: int) -> Window:
    """Address ids containing ``query`` in text order: one read of the address table."""
    addresses = address_ids_containing(text=query, division_range=scope).order_by("full_text")
    return Window(list(addresses[skip : skip + wanted]))
