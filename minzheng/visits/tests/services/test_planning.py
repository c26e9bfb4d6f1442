"""Plans follow colour: intervals, the bulk refresh, and the urgent demand from a warning."""

import datetime as dt

import pytest

from minzheng.accounts.system import system_user
from minzheng.core.enums import AuditAction
from minzheng.core.models import AuditEvent
from minzheng.profiling.enums import Colour
from minzheng.registry.tests.factories import HouseholdFactory
from minzheng.visits.models import VisitPlan
from minzheng.visits.plans import SHIPPED
from minzheng.visits.services.planning import (
    visit_plan_urgent,
    visit_plans_refresh,
    visit_plans_urgent,
)
from minzheng.visits.tests.factories import CST, home, plan, profile

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
AS_OF = dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    ("colour", "days"),
    [
        pytest.param(Colour.RED, 7, id="red_weekly"),
        pytest.param(Colour.YELLOW, 30, id="yellow_monthly"),
        pytest.param(Colour.GREEN, 90, id="green_quarterly"),
    ],
)
def test_interval_per_colour(colour, days):
    assert SHIPPED.interval(colour) == dt.timedelta(days=days)


@pytest.mark.parametrize(
    ("colour", "due"),
    [
        pytest.param(Colour.RED, dt.datetime(2026, 11, 21, 0, 0, tzinfo=CST), id="red_24_hours"),
        pytest.param(Colour.YELLOW, dt.datetime(2026, 12, 20, 0, 0, tzinfo=CST), id="yellow_30d"),
        pytest.param(Colour.GREEN, dt.datetime(2027, 2, 18, 0, 0, tzinfo=CST), id="green_90d"),
    ],
)
def test_refresh_plans_a_new_household_by_colour(colour, due):
    household = home()
    profile(household, colour=colour)

    counts = visit_plans_refresh(as_of=AS_OF)

    saved = VisitPlan.objects.get()
    assert (saved.household_id, saved.division_id, saved.colour) == (
        household.pk,
        household.division_id,
        colour,
    )
    assert saved.next_due_at == due
    assert saved.last_visited_at is None
    assert (counts.created, counts.updated, counts.removed) == (1, 0, 0)
    assert counts.by_colour == {0: int(colour == 0), 1: int(colour == 1), 2: int(colour == 2)}


def test_refresh_is_idempotent_second_run_writes_nothing(django_assert_max_num_queries):
    for colour in (Colour.RED, Colour.YELLOW, Colour.GREEN, Colour.GREEN):
        profile(home(), colour=colour)
    first = visit_plans_refresh(as_of=AS_OF)
    stamps = dict(VisitPlan.objects.values_list("pk", "updated_at"))
    events = AuditEvent.objects.count()

    with django_assert_max_num_queries(4):
        second = visit_plans_refresh(as_of=AS_OF + dt.timedelta(days=1))

    assert (first.created, first.updated, first.removed) == (4, 0, 0)
    assert first.by_colour == {0: 2, 1: 1, 2: 1}
    assert (second.created, second.updated, second.removed) == (0, 0, 0)
    assert second.by_colour == {0: 2, 1: 1, 2: 1}
    assert dict(VisitPlan.objects.values_list("pk", "updated_at")) == stamps
    assert AuditEvent.objects.count() == events


def test_refresh_audits_one_event_per_run():
    profile(home(), colour=Colour.GREEN)
    profile(home(), colour=Colour.RED)

    visit_plans_refresh(as_of=AS_OF)

    event = AuditEvent.objects.get(target_type="visits.plan_refresh")
    assert event.action == AuditAction.UPDATE
    assert event.actor_username == "system"
    assert event.target_id == "2026-11-20"
    assert event.changes == {"created": 2, "updated": 0, "removed": 0}


def test_refresh_turning_red_brings_the_visit_within_24_hours():
    household = home()
    existing = plan(
        household,
        colour=Colour.GREEN,
        next_due_at=dt.datetime(2027, 1, 10, tzinfo=CST),
        last_visited_at=dt.datetime(2026, 10, 12, 9, 0, tzinfo=CST),
    )
    profile(household, colour=Colour.RED)

    counts = visit_plans_refresh(as_of=AS_OF)

    existing.refresh_from_db()
    assert existing.colour == Colour.RED
    assert existing.next_due_at == dt.datetime(2026, 11, 21, 0, 0, tzinfo=CST)
    assert (counts.created, counts.updated, counts.removed) == (0, 1, 0)


def test_refresh_turning_green_counts_from_the_last_visit():
    household = home()
    existing = plan(
        household,
        colour=Colour.RED,
        next_due_at=dt.datetime(2026, 11, 22, tzinfo=CST),
        last_visited_at=dt.datetime(2026, 11, 15, 9, 0, tzinfo=CST),
    )
    profile(household, colour=Colour.GREEN)

    visit_plans_refresh(as_of=AS_OF)

    existing.refresh_from_db()
    assert existing.next_due_at == dt.datetime(2027, 2, 13, 9, 0, tzinfo=CST)


def test_refresh_drops_plans_of_households_no_longer_profiled_unless_urgent():
    left = plan(home(), colour=Colour.GREEN, next_due_at=dt.datetime(2027, 1, 1, tzinfo=CST))
    urgent = plan(
        home(),
        colour=Colour.RED,
        next_due_at=dt.datetime(2026, 11, 21, tzinfo=CST),
        urgent_reason="warning.red",
    )

    counts = visit_plans_refresh(as_of=AS_OF)

    assert list(VisitPlan.objects.values_list("pk", flat=True)) == [urgent.pk]
    assert (counts.created, counts.updated, counts.removed) == (0, 0, 1)
    assert not VisitPlan.objects.filter(pk=left.pk).exists()


def test_urgent_visit_moves_the_due_time_earlier_and_audits():
    household = home()
    existing = plan(
        household, colour=Colour.YELLOW, next_due_at=dt.datetime(2026, 12, 20, tzinfo=CST)
    )
    due = dt.datetime(2026, 11, 21, 10, 0, tzinfo=CST)

    result = visit_plan_urgent(
        household_id=household.pk, due_at=due, reason="warning.red", actor=system_user()
    )

    existing.refresh_from_db()
    assert (result.household_id, result.next_due_at, result.changed) == (household.pk, due, True)
    assert existing.next_due_at == due
    assert existing.urgent_reason == "warning.red"
    event = AuditEvent.objects.get(target_type="visits.plan")
    assert event.action == AuditAction.UPDATE
    assert event.target_id == str(existing.pk)
    assert event.changes == {
        "next_due_at": ["2026-12-19T16:00:00+00:00", "2026-11-21T02:00:00+00:00"],
        "reason": "warning.red",
    }


def test_urgent_visit_later_than_the_plan_changes_nothing():
    household = home()
    due = dt.datetime(2026, 11, 21, tzinfo=CST)
    existing = plan(household, colour=Colour.RED, next_due_at=due)

    result = visit_plan_urgent(
        actor=system_user(),
        household_id=household.pk,
        due_at=dt.datetime(2026, 11, 25, tzinfo=CST),
        reason="warning.red",
    )

    existing.refresh_from_db()
    assert (result.next_due_at, result.changed) == (due, False)
    assert existing.next_due_at == due
    assert existing.urgent_reason == ""
    assert not AuditEvent.objects.exists()


def test_urgent_visit_plans_a_household_without_a_plan():
    household = home()
    due = dt.datetime(2026, 11, 21, 10, 0, tzinfo=CST)

    visit_plan_urgent(
        household_id=household.pk, due_at=due, reason="warning.red", actor=system_user()
    )

    created = VisitPlan.objects.get()
    assert (created.household_id, created.colour, created.next_due_at) == (
        household.pk,
        Colour.RED,
        due,
    )
    assert AuditEvent.objects.get().action == AuditAction.CREATE


def test_urgent_visit_refuses_a_naive_time():
    household = home()

    with pytest.raises(ValueError, match="timezone-aware"):
        visit_plan_urgent(
            actor=system_user(),
            household_id=household.pk,
            due_at=dt.datetime(2026, 11, 21),  # noqa: DTZ001
            reason="warning.red",
        )

    assert not VisitPlan.objects.exists()


@pytest.mark.django_db
def test_many_urgent_visits_at_once_move_or_create_plans_with_one_audit_row():
    first, second = HouseholdFactory(), HouseholdFactory()
    soon = dt.datetime(2026, 11, 21, 18, tzinfo=CST)
    later = dt.datetime(2026, 11, 25, 18, tzinfo=CST)
    assert (
        visit_plans_urgent(
            demands=[
                (first.pk, later, "warning.red.death"),
                (first.pk, soon, "warning.red.illness"),
            ]
        )
        == 1
    )
    plan = VisitPlan.objects.get(household=first)
    assert (plan.next_due_at, plan.urgent_reason) == (soon, "warning.red.illness")
    assert (
        visit_plans_urgent(
            demands=[(first.pk, later, "x"), (second.pk, later, "warning.red.disaster")]
        )
        == 1
    )  # the later deadline leaves the first plan alone
    assert VisitPlan.objects.count() == 2
    assert AuditEvent.objects.filter(target_type="visits.plan", target_id="urgent").count() == 2
