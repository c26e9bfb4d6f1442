import datetime as dt

import pytest

from minzheng.workdays.enums import DayKind
from minzheng.workdays.models import CalendarDay
from minzheng.workdays.selectors import (
    calendar_year,
    calendar_year_is_maintained,
    working_day_is,
    working_days_add,
    working_days_between,
)
from minzheng.workdays.tests.factories import CalendarDayFactory

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param("2025-01-26", True, id="2025_spring_festival_make_up_sunday_case"),
        pytest.param("2025-01-28", False, id="2025_new_years_eve_is_now_a_holiday_case"),
        pytest.param("2025-02-08", True, id="2025_spring_festival_make_up_saturday_case"),
        pytest.param("2025-05-02", False, id="2025_second_labour_day_case"),
        pytest.param("2025-06-02", False, id="2025_dragon_boat_monday_case"),
        pytest.param("2025-09-28", True, id="2025_national_day_make_up_sunday_case"),
        pytest.param("2025-10-08", False, id="2025_national_and_mid_autumn_last_day_case"),
        pytest.param("2025-10-09", True, id="2025_back_to_work_case"),
        pytest.param("2025-10-11", True, id="2025_national_day_make_up_saturday_case"),
        pytest.param("2026-01-02", False, id="2026_new_year_friday_case"),
        pytest.param("2026-01-04", True, id="2026_new_year_make_up_sunday_case"),
        pytest.param("2026-02-14", True, id="2026_spring_festival_make_up_saturday_case"),
        pytest.param("2026-02-16", False, id="2026_spring_festival_monday_case"),
        pytest.param("2026-02-23", False, id="2026_spring_festival_ninth_day_case"),
        pytest.param("2026-02-28", True, id="2026_spring_festival_second_make_up_case"),
        pytest.param("2026-04-06", False, id="2026_qingming_monday_case"),
        pytest.param("2026-05-05", False, id="2026_labour_day_tuesday_case"),
        pytest.param("2026-05-09", True, id="2026_labour_day_make_up_saturday_case"),
        pytest.param("2026-06-19", False, id="2026_dragon_boat_friday_case"),
        pytest.param("2026-09-20", True, id="2026_national_day_make_up_sunday_case"),
        pytest.param("2026-09-25", False, id="2026_mid_autumn_friday_case"),
        pytest.param("2026-10-07", False, id="2026_national_day_last_day_case"),
        pytest.param("2026-10-10", True, id="2026_national_day_make_up_saturday_case"),
        pytest.param("2026-10-03", False, id="plain_saturday_inside_a_break_case"),
        pytest.param("2026-03-11", True, id="plain_wednesday_case"),
    ],
)
def test_seeded_arrangement_decides_whether_a_day_is_worked(day, expected):
    assert working_day_is(day=D(day)) is expected


@pytest.mark.parametrize(
    ("year", "holidays", "workdays"),
    [
        pytest.param(2024, 19, 8, id="2024_case"),
        pytest.param(2025, 18, 5, id="2025_case"),
        pytest.param(2026, 19, 6, id="2026_case"),
    ],
)
def test_seed_holds_only_days_that_differ_from_the_plain_week(year, holidays, workdays):
    days = CalendarDay.objects.in_year(year)

    assert days.filter(kind=DayKind.HOLIDAY).count() == holidays
    assert days.filter(kind=DayKind.WORKDAY).count() == workdays
    assert all(day.date.weekday() < 5 for day in days.filter(kind=DayKind.HOLIDAY))
    assert all(day.date.weekday() >= 5 for day in days.filter(kind=DayKind.WORKDAY))


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        pytest.param("2025-09-30", 1, "2025-10-09", id="over_the_2025_national_day_case"),
        pytest.param("2025-09-26", 1, "2025-09-28", id="onto_a_make_up_sunday_case"),
        pytest.param("2025-10-09", 1, "2025-10-10", id="plain_next_day_case"),
        pytest.param("2025-10-10", 1, "2025-10-11", id="onto_a_make_up_saturday_case"),
        pytest.param("2026-02-13", 1, "2026-02-14", id="2026_spring_make_up_saturday_case"),
        pytest.param("2026-02-14", 1, "2026-02-24", id="over_the_2026_spring_festival_case"),
        pytest.param("2026-02-10", 7, "2026-02-26", id="publicity_over_spring_festival_case"),
        pytest.param("2026-09-18", 1, "2026-09-20", id="onto_2026_sunday_make_up_case"),
        pytest.param("2026-09-30", 5, "2026-10-13", id="approval_over_national_day_case"),
        pytest.param("2026-10-01", 0, "2026-10-08", id="zero_days_from_a_holiday_case"),
        pytest.param("2026-10-10", 0, "2026-10-10", id="zero_days_from_a_working_day_case"),
        pytest.param("2025-12-31", 248, "2026-12-31", id="a_whole_year_case"),
    ],
)
def test_adds_working_days(start, days, expected):
    assert working_days_add(start=D(start), days=days) == D(expected)


def test_add_reads_the_calendar_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        due = working_days_add(start=D("2026-01-30"), days=60)

    assert due == D("2026-05-06")


def test_refuses_a_negative_number_of_days():
    with pytest.raises(ValueError, match="days must not be negative"):
        working_days_add(start=D("2026-01-05"), days=-1)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param("2025-09-30", "2025-10-09", 1, id="over_the_2025_national_day_case"),
        pytest.param("2026-02-13", "2026-02-28", 6, id="over_the_2026_spring_festival_case"),
        pytest.param("2026-03-02", "2026-03-02", 0, id="same_day_case"),
        pytest.param("2026-03-06", "2026-03-09", 1, id="over_a_plain_weekend_case"),
        pytest.param("2026-10-09", "2026-09-30", -2, id="end_before_start_case"),
        pytest.param("2025-12-31", "2026-12-31", 248, id="whole_of_2026_case"),
        pytest.param("2024-12-31", "2025-12-31", 248, id="whole_of_2025_case"),
        pytest.param("2023-12-31", "2024-12-31", 251, id="whole_of_2024_case"),
    ],
)
def test_counts_working_days_between(start, end, expected):
    assert working_days_between(start=D(start), end=D(end)) == expected


def test_between_and_add_agree(django_assert_num_queries):
    start = D("2026-01-20")
    with django_assert_num_queries(1):
        count = working_days_between(start=start, end=D("2026-10-13"))

    assert working_days_add(start=start, days=count) == D("2026-10-13")


def test_a_year_without_rows_falls_back_to_monday_to_friday():
    assert calendar_year_is_maintained(year=2026) is True
    assert calendar_year_is_maintained(year=2030) is False
    # 2030-01-01 is a Tuesday: without a notice entered it counts as a working day.
    assert working_day_is(day=D("2030-01-01")) is True
    assert working_days_add(start=D("2030-01-04"), days=1) == D("2030-01-07")
    assert working_days_between(start=D("2029-12-31"), end=D("2030-12-31")) == 261


def test_rows_entered_for_a_new_year_take_effect_and_mark_it_maintained():
    CalendarDayFactory(date=D("2030-01-01"), name="元旦")

    assert calendar_year_is_maintained(year=2030) is True
    assert working_day_is(day=D("2030-01-01")) is False
    assert working_days_add(start=D("2029-12-31"), days=1) == D("2030-01-02")


def test_a_calendar_with_an_unusually_long_break_is_read_in_further_windows(
    django_assert_num_queries,
):
    for offset in range(60):
        day = D("2030-03-01") + dt.timedelta(days=offset)
        if day.weekday() < 5:
            CalendarDayFactory(date=day)

    with django_assert_num_queries(2):
        due = working_days_add(start=D("2030-02-28"), days=1)

    assert due == D("2030-04-30")


def test_calendar_year_lists_the_exceptions_with_their_totals(django_assert_num_queries):
    with django_assert_num_queries(1):
        year = calendar_year(year=2026)

    assert year.is_maintained is True
    assert (year.holiday_count, year.workday_count, year.working_day_count) == (19, 6, 248)
    assert year.days[0].date == D("2026-01-01")
    assert year.days[0].kind == DayKind.HOLIDAY
    assert year.days[0].kind_label == "法定节假日"
    assert year.days[0].name == "元旦"
    assert [day.date for day in year.days] == sorted(day.date for day in year.days)


def test_calendar_year_without_rows_is_plain_monday_to_friday():
    year = calendar_year(year=2031)

    assert year.is_maintained is False
    assert year.days == ()
    assert year.working_day_count == 261
