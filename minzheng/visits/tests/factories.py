"""Profiled households and their plans, built on the registry's factories."""

import datetime as dt
import uuid

from minzheng.divisions.models import Division
from minzheng.profiling.models import HouseholdProfile
from minzheng.registry.enums import Relation
from minzheng.registry.models import Household
from minzheng.registry.tests.factories import HouseholdFactory, MembershipFactory
from minzheng.visits.models import VisitPlan
from minzheng.visits.services.visits import VisitDraft

SONGFENG = 330482001034
CST = dt.timezone(dt.timedelta(hours=8))


def home(*, division: int = SONGFENG, head: str = "曾国平") -> Household:
    household = HouseholdFactory(division=Division.objects.get(code=division))
    MembershipFactory(household=household, relation=Relation.HEAD, person__name=head)
    return household


def profile(household: Household, *, colour: int) -> HouseholdProfile:
    return HouseholdProfile.objects.create(
        household=household,
        division_code=household.division_id,
        types=1,
        primary=0,
        colour=colour,
        score=[20, 50, 80][colour],
        reasons=1,
        model_version="test",
        computed_on=dt.date(2026, 11, 20),
    )


def plan(household: Household, *, colour: int, next_due_at: dt.datetime, **extra) -> VisitPlan:
    return VisitPlan.objects.create(
        household=household,
        division_id=household.division_id,
        colour=colour,
        next_due_at=next_due_at,
        **extra,
    )


def draft(**changes) -> VisitDraft:
    values = {
        "submission_id": uuid.UUID("00000000-0000-4000-8000-000000000001"),
        "mode": "home",
        "visited_at": dt.datetime(2026, 11, 20, 9, 0, tzinfo=CST),
        "findings": "老人身体尚可，独居，冰箱空了。",
    } | changes
    return VisitDraft(**values)
