"""cases.selectors.household.household_applications, as the family's page lists them."""

import datetime as dt

import pytest

from minzheng.cases.selectors.household import ApplicationStatusLine, household_applications
from minzheng.cases.tests.factories import ApplicationFactory, ApplicationItemFactory, item
from minzheng.statements.tests.conftest import family_home

pytestmark = pytest.mark.django_db


def test_applications_newest_first_with_requested_items_step_and_decision(home, frozen):
    frozen.shift(dt.timedelta(days=1))
    application = ApplicationFactory(
        household=home, number="SQ20261121-0001", current_step="investigation"
    )
    ApplicationItemFactory(application=application, item=item("dibao_edge"))
    ApplicationItemFactory(application=application, item=item("education"))
    ApplicationItemFactory(application=application, item=item("housing"), requested=False)

    lines = household_applications(household_id=home.pk)

    assert lines[0] == ApplicationStatusLine(
        application_id=application.pk,
        number="SQ20261121-0001",
        submitted_on=dt.date(2026, 11, 21),
        items_requested=("低保边缘家庭认定", "教育救助"),
        current_step="investigation",
        current_step_label="入户调查",
        status="in_progress",
        status_label="办理中",
        decided_on=None,
    )
    # The three approved applications behind the benefits: decided 10:00 UTC, 18:00 locally.
    assert sorted((line.status_label, line.decided_on) for line in lines[1:]) == [
        ("已批准", dt.date(2025, 7, 27)),
        ("已批准", dt.date(2025, 8, 26)),
        ("已批准", dt.date(2025, 9, 25)),
    ]
    assert [(line.current_step, line.current_step_label) for line in lines[1:]] == [("", "")] * 3
    assert sorted(line.items_requested for line in lines[1:]) == [
        ("临时救助",),
        ("支出型低保",),
        ("最低生活保障", "医疗救助", "电费减免"),
    ]


def test_two_queries_whatever_the_number(home, in_progress_application, django_assert_num_queries):
    with django_assert_num_queries(2):
        lines = household_applications(household_id=home.pk)
    assert len(lines) == 4


def test_a_household_without_applications(db):
    household, _head, _son = family_home("T0000000002")

    assert household_applications(household_id=household.pk) == []
