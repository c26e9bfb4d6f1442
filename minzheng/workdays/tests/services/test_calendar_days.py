import datetime as dt

import pytest

from minzheng.accounts.enums import Role
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError, PermissionDenied
from minzheng.core.models import AuditEvent
from minzheng.workdays.enums import DayKind, WorkdaysErrorCode
from minzheng.workdays.models import CalendarDay
from minzheng.workdays.selectors import working_day_is
from minzheng.workdays.services import (
    CALENDAR_DAY_TARGET,
    calendar_day_remove,
    calendar_day_set,
)
from minzheng.workdays.tests.factories import CalendarDayFactory

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def _events():
    return AuditEvent.objects.filter(target_type=CALENDAR_DAY_TARGET)


def test_adds_a_holiday_and_records_it(county_admin):
    calendar_day = calendar_day_set(
        actor=county_admin, day=D("2030-01-01"), kind=DayKind.HOLIDAY, name=" 元旦 "
    )

    assert (calendar_day.date, calendar_day.kind, calendar_day.name) == (
        D("2030-01-01"),
        DayKind.HOLIDAY,
        "元旦",
    )
    assert working_day_is(day=D("2030-01-01")) is False
    event = _events().get()
    assert event.action == AuditAction.CREATE
    assert event.actor == county_admin
    assert event.target_id == "2030-01-01"
    assert event.changes == {"kind": [None, "holiday"], "name": [None, "元旦"]}


def test_adds_a_make_up_saturday(county_admin):
    calendar_day_set(actor=county_admin, day=D("2030-02-09"), kind="workday", name="春节调休")

    assert working_day_is(day=D("2030-02-09")) is True


def test_changes_the_name_of_a_recorded_day(county_admin):
    calendar_day_set(actor=county_admin, day=D("2026-10-01"), kind="holiday", name="国庆")

    assert CalendarDay.objects.get(date=D("2026-10-01")).name == "国庆"
    assert CalendarDay.objects.filter(date=D("2026-10-01")).count() == 1
    event = _events().get()
    assert event.action == AuditAction.UPDATE
    assert event.changes == {"name": ["国庆节", "国庆"]}


def test_unchanged_input_writes_and_records_nothing(county_admin):
    before = CalendarDay.objects.get(date=D("2026-10-01")).updated_at

    calendar_day_set(actor=county_admin, day=D("2026-10-01"), kind="holiday", name="国庆节")

    assert CalendarDay.objects.get(date=D("2026-10-01")).updated_at == before
    assert not _events().exists()


def test_removes_a_day_and_records_it(county_admin):
    calendar_day_remove(actor=county_admin, day=D("2026-02-16"))

    assert not CalendarDay.objects.filter(date=D("2026-02-16")).exists()
    assert working_day_is(day=D("2026-02-16")) is True
    event = _events().get()
    assert event.action == AuditAction.DELETE
    assert event.target_id == "2026-02-16"
    assert event.changes == {"kind": ["holiday", None], "name": ["春节", None]}


def test_removing_a_day_without_a_row_records_nothing(county_admin):
    calendar_day_remove(actor=county_admin, day=D("2026-03-11"))

    assert not _events().exists()


@pytest.mark.parametrize(
    ("day", "kind", "name", "code", "message"),
    [
        pytest.param(
            "2030-01-05",
            "holiday",
            "元旦",
            WorkdaysErrorCode.HOLIDAY_ON_WEEKEND,
            "2030-01-05 是周末，本来就休息，不能登记为法定节假日。",
            id="holiday_on_a_saturday_case",
        ),
        pytest.param(
            "2030-01-07",
            "workday",
            "元旦调休",
            WorkdaysErrorCode.WORKDAY_ON_WEEKDAY,
            "2030-01-07 是周一至周五，本来就上班，不能登记为调休上班日。",
            id="make_up_day_on_a_monday_case",
        ),
        pytest.param(
            "2030-01-01",
            "holiday",
            "  ",
            WorkdaysErrorCode.NAME_REQUIRED,
            "请填写名称，例如“春节”或“国庆节调休”。",
            id="empty_name_case",
        ),
        pytest.param(
            "2030-01-01",
            "day_off",
            "元旦",
            WorkdaysErrorCode.KIND_INVALID,
            "请选择“法定节假日”或“调休上班”。",
            id="unknown_kind_case",
        ),
    ],
)
def test_refuses_a_day_that_says_nothing_new(county_admin, day, kind, name, code, message):
    before = CalendarDay.objects.count()

    with pytest.raises(ApplicationError) as caught:
        calendar_day_set(actor=county_admin, day=D(day), kind=kind, name=name)

    assert caught.value.code == code
    assert str(caught.value.message) == message
    assert CalendarDay.objects.count() == before
    assert not _events().exists()


def test_refuses_a_name_longer_than_the_field(county_admin):
    with pytest.raises(ApplicationError) as caught:
        calendar_day_set(actor=county_admin, day=D("2030-01-01"), kind="holiday", name="节" * 33)

    assert str(caught.value.message) == "名称不能超过 32 个字。"
    assert not CalendarDay.objects.filter(date=D("2030-01-01")).exists()
    assert not _events().exists()


def test_refusing_a_change_keeps_the_recorded_day(county_admin):
    with pytest.raises(ApplicationError):
        calendar_day_set(actor=county_admin, day=D("2026-10-01"), kind="workday", name="x")

    assert CalendarDay.objects.get(date=D("2026-10-01")).kind == DayKind.HOLIDAY
    assert not _events().exists()


@pytest.mark.parametrize(
    "role",
    [
        pytest.param(Role.COUNTY_CASEWORKER, id="county_caseworker_case"),
        pytest.param(Role.TOWNSHIP_WORKER, id="township_worker_case"),
        pytest.param(Role.VILLAGE_WORKER, id="village_worker_case"),
        pytest.param(Role.AUDITOR, id="auditor_case"),
    ],
)
def test_only_the_county_administrator_edits_the_calendar(make_staff, role):
    actor = make_staff(role)
    CalendarDayFactory(date=D("2030-01-01"))

    with pytest.raises(PermissionDenied):
        calendar_day_set(actor=actor, day=D("2030-01-02"), kind="holiday", name="元旦")
    with pytest.raises(PermissionDenied):
        calendar_day_remove(actor=actor, day=D("2030-01-01"))

    assert not CalendarDay.objects.filter(date=D("2030-01-02")).exists()
    assert CalendarDay.objects.filter(date=D("2030-01-01")).exists()
    assert not _events().exists()


def test_an_administrator_without_a_jurisdiction_is_refused(make_staff):
    actor = make_staff(Role.COUNTY_ADMIN, jurisdiction=None)

    with pytest.raises(PermissionDenied):
        calendar_day_set(actor=actor, day=D("2030-01-01"), kind="holiday", name="元旦")

    assert not _events().exists()
