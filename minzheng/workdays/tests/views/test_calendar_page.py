import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.core.enums import AuditAction
from minzheng.core.models import AuditEvent
from minzheng.workdays.models import CalendarDay

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
SONGFENG = 330482001034
HTMX = {"HX-Request": "true"}


def _year_url(year=2026):
    return reverse("workdays:calendar_year", args=[year])


def _set_url(year=2026):
    return reverse("workdays:calendar_day_set", args=[year])


def _remove_url(day, year=2026):
    return reverse("workdays:calendar_day_remove", args=[year, D(day)])


def test_urls_live_under_workdays():
    assert _year_url() == "/workdays/2026/"
    assert _remove_url("2026-02-16") == "/workdays/2026/days/2026-02-16/remove/"


@pytest.mark.parametrize(
    ("url", "method"),
    [
        pytest.param("/workdays/", "get", id="current_year_case"),
        pytest.param("/workdays/2026/", "get", id="year_page_case"),
        pytest.param("/workdays/2026/days/", "post", id="set_case"),
        pytest.param("/workdays/2026/days/2026-02-16/remove/", "post", id="remove_case"),
    ],
)
def test_anonymous_is_sent_to_login(client, url, method):
    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("role", "jurisdiction"),
    [
        pytest.param(Role.VILLAGE_WORKER, SONGFENG, id="village_worker_case"),
        pytest.param(Role.COUNTY_CASEWORKER, 330482000000, id="county_caseworker_case"),
        pytest.param(Role.AUDITOR, 330482000000, id="auditor_case"),
    ],
)
def test_other_roles_are_refused(make_staff, client_for, role, jurisdiction):
    client = client_for(make_staff(role, jurisdiction))

    assert client.get("/workdays/").status_code == 403
    assert client.get(_year_url()).status_code == 403
    data = {"date": "2026-03-02", "kind": "holiday", "name": "假日"}
    assert client.post(_set_url(), data).status_code == 403
    assert client.post(_remove_url("2026-02-16")).status_code == 403
    assert not CalendarDay.objects.filter(date=D("2026-03-02")).exists()
    assert CalendarDay.objects.filter(date=D("2026-02-16")).exists()
    assert not AuditEvent.objects.filter(target_type="workdays.calendar_day").exists()


def test_county_admin_sees_the_year(county_admin, client_for):
    response = client_for(county_admin).get(_year_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert "2026 年工作日历" in page
    assert "2026-02-16" in page
    assert "2026-09-20" in page
    assert "国庆节调休" in page
    assert "全年工作日 248 天" in page
    assert "尚未录入节假日安排" not in page


def test_a_year_without_rows_says_it_counts_monday_to_friday(county_admin, client_for):
    page = client_for(county_admin).get(_year_url(2030)).content.decode()

    assert "2030 年尚未录入节假日安排" in page
    assert "全年工作日 261 天" in page


@time_machine.travel(dt.datetime(2026, 5, 20, 9, tzinfo=dt.UTC), tick=False)
def test_bare_address_opens_the_current_year(county_admin, client_for):
    response = client_for(county_admin).get("/workdays/")

    assert response.status_code == 302
    assert response["Location"] == "/workdays/2026/"


def test_years_nobody_maintains_are_not_found(county_admin, client_for):
    assert client_for(county_admin).get(_year_url(1999)).status_code == 404


def test_htmx_gets_only_the_calendar_fragment(county_admin, client_for):
    page = client_for(county_admin).get(_year_url(), headers=HTMX).content.decode()

    assert "<html" not in page
    assert 'id="calendar"' in page


def test_form_post_adds_a_day_and_redirects(county_admin, client_for):
    response = client_for(county_admin).post(
        _set_url(2030), {"date": "2030-01-01", "kind": "holiday", "name": "元旦"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/workdays/2030/"
    assert CalendarDay.objects.get(date=D("2030-01-01")).name == "元旦"
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, target_id="2030-01-01").exists()


def test_htmx_post_changes_a_day_and_shows_the_fresh_list(county_admin, client_for):
    response = client_for(county_admin).post(
        _set_url(), {"date": "2026-10-01", "kind": "holiday", "name": "国庆"}, headers=HTMX
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "已保存 2026-10-01。" in page
    assert '<td data-label="名称">国庆</td>' in page
    assert CalendarDay.objects.get(date=D("2026-10-01")).name == "国庆"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            {"date": "2026-03-07", "kind": "holiday", "name": "假日"},
            "2026-03-07 是周末，本来就休息，不能登记为法定节假日。",
            id="holiday_on_a_saturday_case",
        ),
        pytest.param(
            {"date": "2026-03-09", "kind": "workday", "name": "调休"},
            "2026-03-09 是周一至周五，本来就上班，不能登记为调休上班日。",
            id="make_up_day_on_a_monday_case",
        ),
        pytest.param(
            {"date": "2026-03-09", "kind": "holiday", "name": ""},
            "请填写名称，例如“春节”或“国庆节调休”。",
            id="empty_name_case",
        ),
        pytest.param(
            {"date": "2026-02-30", "kind": "holiday", "name": "假日"},
            "请填写有效的日期。",
            id="impossible_date_case",
        ),
        pytest.param(
            {"date": "2027-03-09", "kind": "holiday", "name": "假日"},
            "日期须在 2026 年内。",
            id="other_year_case",
        ),
    ],
)
def test_refusals_are_shown_and_nothing_is_written(county_admin, client_for, data, message):
    before = CalendarDay.objects.count()
    client = client_for(county_admin)

    full = client.post(_set_url(), data)
    fragment = client.post(_set_url(), data, headers=HTMX)

    assert full.status_code == 400
    assert message in full.content.decode()
    assert fragment.status_code == 200
    assert message in fragment.content.decode()
    assert CalendarDay.objects.count() == before
    assert not AuditEvent.objects.filter(target_type="workdays.calendar_day").exists()


def test_remove_button_removes_the_day(county_admin, client_for):
    response = client_for(county_admin).post(_remove_url("2026-02-16"), headers=HTMX)

    page = response.content.decode()
    assert response.status_code == 200
    assert "已删除 2026-02-16" in page
    assert 'id="day-2026-02-16"' not in page
    assert not CalendarDay.objects.filter(date=D("2026-02-16")).exists()
    assert AuditEvent.objects.filter(action=AuditAction.DELETE, target_id="2026-02-16").exists()


def test_remove_without_htmx_redirects(county_admin, client_for):
    response = client_for(county_admin).post(_remove_url("2026-02-16"))

    assert response.status_code == 302
    assert response["Location"] == "/workdays/2026/"


def test_an_impossible_date_in_the_address_is_not_found(county_admin, client_for):
    response = client_for(county_admin).post("/workdays/2026/days/2026-02-30/remove/")

    assert response.status_code == 404


def test_remove_needs_post(county_admin, client_for):
    assert client_for(county_admin).get(_remove_url("2026-02-16")).status_code == 405
    assert CalendarDay.objects.filter(date=D("2026-02-16")).exists()


def test_year_page_issues_a_fixed_number_of_queries(
    county_admin, client_for, django_assert_num_queries
):
    client = client_for(county_admin)
    client.get("/")  # warm the session
    # session, user, the year's rows, session save (3 with its savepoint): 6, however many
    # days the year has.
    with django_assert_num_queries(6):
        response = client.get(_year_url())
    assert response.status_code == 200
