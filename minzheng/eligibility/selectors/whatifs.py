"""Reading 政策测算 results, scoped to the actor's jurisdiction."""

import uuid
from dataclasses import dataclass

from django.db.models import QuerySet

from minzheng.accounts.enums import Capability
from minzheng.accounts.permissions import Actor, jurisdiction_range
from minzheng.core.exceptions import NotFound
from minzheng.eligibility.models import PolicyWhatIf, PolicyWhatIfHousehold

PAGE_SIZE = 50


@dataclass(frozen=True)
class WhatIfPage:
    rows: list[PolicyWhatIfHousehold]
    page: int
    has_next: bool


def access_whatif(*, actor: Actor, whatif_id: uuid.UUID) -> PolicyWhatIf:
    """A what-if for an actor who may simulate (they are county-wide; others get NotFound)."""
    jurisdiction_range(actor=actor, capability=Capability.POLICY_SIMULATE)
    whatif = PolicyWhatIf.objects.filter(pk=whatif_id).first()
    if whatif is None:
        raise NotFound
    return whatif


def whatif_recent(*, actor: Actor, limit: int = 10) -> list[PolicyWhatIf]:
    jurisdiction_range(actor=actor, capability=Capability.POLICY_SIMULATE)
    return list(PolicyWhatIf.objects.select_related("created_by")[:limit])


def whatif_households(*, actor: Actor, whatif: PolicyWhatIf) -> QuerySet[PolicyWhatIfHousehold]:
    """The changed households inside the actor's jurisdiction, by 村社 then 户号."""
    low, high = jurisdiction_range(actor=actor, capability=Capability.POLICY_SIMULATE)
    return (
        whatif.households.filter(division_code__range=(low, high))
        .select_related("household")
        .order_by("division_code", "household__number")
    )


def whatif_household_page(*, actor: Actor, whatif: PolicyWhatIf, page: int) -> WhatIfPage:
    start = (page - 1) * PAGE_SIZE
    rows = list(whatif_households(actor=actor, whatif=whatif)[start : start + PAGE_SIZE + 1])
    return WhatIfPage(rows=rows[:PAGE_SIZE], page=page, has_next=len(rows) > PAGE_SIZE)
