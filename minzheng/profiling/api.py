"""REST endpoints of 家庭画像 for outside systems (a BI tool): a household's profile and its
timeline, and the tallies per 村社, type and colour, inside the caller's jurisdiction."""

import datetime as dt
import uuid
from dataclasses import asdict

from django.http import HttpRequest
from ninja import Query, Schema

from minzheng.accounts.api_auth import ScopedRouter, api_actor
from minzheng.accounts.enums import ApiScope, Capability
from minzheng.accounts.permissions import jurisdiction_range
from minzheng.core.api_params import PageQuery
from minzheng.core.audit import audit_read
from minzheng.profiling.permissions import access_profile
from minzheng.profiling.selectors import (
    household_profile,
    household_profile_timeline,
    profile_tallies,
)

router = ScopedRouter(read=ApiScope.PROFILES_READ, tags=["profiling"])
TALLY_PAGE_SIZE = 100


class ProfileOut(Schema):
    types: list[str]  # labels, primary first
    primary: str
    colour: str  # green / yellow / red
    colour_label: str
    score: int
    reasons: list[str]
    computed_on: dt.date
    model_version: str


class TimelineEntryOut(Schema):
    changed_on: dt.date
    colour_before: str
    colour_after: str
    types_after: list[str]
    reasons_after: list[str]


class HouseholdProfileOut(Schema):
    household_id: uuid.UUID
    household_number: str
    # None when the household is not in difficulty (no profile).
    profile: ProfileOut | None
    timeline: list[TimelineEntryOut]


class TallyOut(Schema):
    division_code: int
    primary: str
    colour: str
    households: int


class TallyPageOut(Schema):
    page: int
    has_next: bool
    results: list[TallyOut]


@router.get("/households/{household_id}", response=HouseholdProfileOut)
def household_profile_get(request: HttpRequest, household_id: uuid.UUID) -> HouseholdProfileOut:
    actor = api_actor(request)
    household = access_profile(actor=actor, household_id=household_id)
    audit_read(  # as the profile page records it
        actor=actor,
        target_type="profiling.household_profile",
        target_id=household.pk,
        division_code=household.division_id,
    )
    profile = household_profile(household_id=household.pk)
    return HouseholdProfileOut(
        household_id=household.pk,
        household_number=household.number,
        profile=ProfileOut(**asdict(profile)) if profile else None,
        timeline=[
            TimelineEntryOut(
                changed_on=entry.changed_on,
                colour_before=entry.colour_before,
                colour_after=entry.colour_after,
                types_after=entry.types_after,
                reasons_after=entry.reasons_after,
            )
            for entry in household_profile_timeline(household_id=household.pk)
        ],
    )


@router.get("/tallies", response=TallyPageOut)
def profile_tally_index(request: HttpRequest, params: Query[PageQuery]) -> TallyPageOut:
    """Households per 村社, primary type and colour: counts, no household named."""
    low, high = jurisdiction_range(actor=api_actor(request), capability=Capability.PROFILE_VIEW)
    tallies = sorted(
        profile_tallies(low=low, high=high),
        key=lambda t: (t.division_code, t.primary, t.colour),
    )
    start = (params.page - 1) * TALLY_PAGE_SIZE
    rows = tallies[start : start + TALLY_PAGE_SIZE + 1]
    return TallyPageOut(
        page=params.page,
        has_next=len(rows) > TALLY_PAGE_SIZE,
        results=[TallyOut(**asdict(t)) for t in rows[:TALLY_PAGE_SIZE]],
    )
