import datetime as dt

import pytest
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.accounts.system import system_user
from minzheng.cases.tests.conftest import BAIHUA, ZHAPU
from minzheng.cases.tests.factories import ApplicationFactory
from minzheng.core.models import AuditEvent
from minzheng.monitoring.enums import Outcome, WarningStatus
from minzheng.monitoring.models import EarlyWarning
from minzheng.monitoring.services import events_import, warnings_from_events
from minzheng.registry.tests.factories import household_with_members
from minzheng.visits.services.visits import visit_record
from minzheng.visits.tests.factories import draft

HTMX = {"HX-Request": "true"}


@pytest.fixture
def warning(db):
    home = household_with_members(1)
    person = home.memberships.get().person
    events_import(
        actor=system_user(),
        rows=[
            {
                "record_id": "1",
                "id_number": person.id_number,
                "kind": "death",
                "occurred_on": "2026-11-18",
                "amount": "",
            }
        ],
        source="公安",
    )
    warnings_from_events(as_of=dt.date(2026, 11, 20))
    return EarlyWarning.objects.get()


def _pages(warning):
    return [
        reverse("monitoring:warning_list"),
        reverse("monitoring:discovery"),
        reverse("monitoring:warning_detail", args=[warning.pk]),
    ]


def test_anonymous_is_sent_to_login(client, warning):
    for url in _pages(warning):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.HOTLINE_OPERATOR])
def test_staff_without_the_capability_get_403(make_staff, client_for, warning, role):
    client = client_for(make_staff(role))
    assert [client.get(url).status_code for url in _pages(warning)] == [403, 403, 403]


@pytest.mark.parametrize("jurisdiction", [BAIHUA, ZHAPU])
def test_other_jurisdiction_gets_404_for_the_warning(make_staff, client_for, warning, jurisdiction):
    role = Role.VILLAGE_WORKER if jurisdiction == BAIHUA else Role.TOWNSHIP_WORKER
    client = client_for(make_staff(role, jurisdiction))
    assert client.get(reverse("monitoring:warning_detail", args=[warning.pk])).status_code == 404
    page = client.get(reverse("monitoring:warning_list")).content.decode()
    assert warning.household.number not in page
    response = client.post(
        reverse("monitoring:warning_close", args=[warning.pk]),
        {"outcome": Outcome.CHARITY, "reference": "W-1"},
    )
    assert response.status_code == 404
    assert EarlyWarning.objects.get().status == WarningStatus.OPEN


@pytest.mark.parametrize("worker", ["village_worker", "township_worker", "county_worker"])
def test_jurisdiction_staff_see_the_warning(request, client_for, warning, worker, frozen):
    client = client_for(request.getfixturevalue(worker))
    for url in _pages(warning):
        assert client.get(url).status_code == 200
    page = client.get(reverse("monitoring:warning_list")).content.decode()
    assert warning.household.number in page
    assert "已逾期" not in page


def test_overdue_warning_is_marked(client_for, village_worker, warning, frozen):
    EarlyWarning.objects.update(due_on=dt.date(2026, 11, 19))
    page = client_for(village_worker).get(reverse("monitoring:warning_list")).content.decode()
    assert "已逾期" in page


def test_filters_by_colour_and_cause(client_for, village_worker, warning):
    client = client_for(village_worker)
    url = reverse("monitoring:warning_list")
    assert warning.household.number in client.get(url, {"colour": "2"}).content.decode()
    assert warning.household.number not in client.get(url, {"colour": "1"}).content.decode()
    assert (
        warning.household.number
        not in client.get(url, {"cause": "illness"}, headers=HTMX).content.decode()
    )


def test_close_form_refusal_is_shown_and_nothing_written(client_for, village_worker, warning):
    audits = AuditEvent.objects.count()
    response = client_for(village_worker).post(
        reverse("monitoring:warning_close", args=[warning.pk]),
        {"outcome": Outcome.REFERRED, "department": "disabled_federation"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "转介须填写转介说明。" in response.content.decode()
    assert EarlyWarning.objects.get().status == WarningStatus.OPEN
    assert AuditEvent.objects.count() == audits


def test_close_form_closes(client_for, village_worker, warning):
    response = client_for(village_worker).post(
        reverse("monitoring:warning_close", args=[warning.pk]),
        {"outcome": Outcome.CHARITY, "reference": "微心愿 W-7"},
    )
    assert response.status_code == 302
    closed = EarlyWarning.objects.get()
    assert (closed.status, closed.outcome, closed.evidence) == (
        WarningStatus.CLOSED,
        Outcome.CHARITY,
        {"reference": "微心愿 W-7"},
    )


def test_list_query_count(client_for, village_worker, warning, django_assert_max_num_queries):
    client = client_for(village_worker)
    with django_assert_max_num_queries(8):
        client.get(reverse("monitoring:warning_list"))


def test_open_warning_links_to_taking_the_households_application(
    client_for, village_worker, warning
):
    page = client_for(village_worker).get(reverse("monitoring:warning_detail", args=[warning.pk]))
    intake = f"{reverse('cases:application_new')}?household={warning.household_id}"
    assert f'href="{intake}"' in page.content.decode()
    assert "为此户受理救助申请" in page.content.decode()


def test_closed_as_assisted_shows_the_application(client_for, village_worker, warning):
    application = ApplicationFactory(household=warning.household)
    response = client_for(village_worker).post(
        reverse("monitoring:warning_close", args=[warning.pk]),
        {"outcome": Outcome.ASSISTED, "application": application.number},
        headers=HTMX,
    )
    closing = response.content.decode()
    assert "已办结：纳入救助" in closing
    detail = reverse("cases:application_detail", args=[application.pk])
    assert f'href="{detail}">{application.number}</a>' in closing
    assert "为此户受理救助申请" not in closing
    assert EarlyWarning.objects.get().application == application


def test_close_form_offers_this_households_visits_and_applications_only(
    client_for, village_worker, warning
):
    saved = visit_record(actor=village_worker, household_id=warning.household_id, draft=draft())
    visit = saved.visit
    own = ApplicationFactory(household=warning.household)
    other = ApplicationFactory()
    client = client_for(village_worker)
    page = client.get(reverse("monitoring:warning_detail", args=[warning.pk])).content.decode()
    assert f'<option value="{visit.pk}">2026-11-20 09:00 上门</option>' in page
    assert f'<option value="{own.number}">{own.number} 办理中</option>' in page
    assert other.number not in page
    response = client.post(
        reverse("monitoring:warning_close", args=[warning.pk]),
        {"outcome": Outcome.NOT_IN_DIFFICULTY, "visit": str(visit.pk)},
    )
    assert response.status_code == 302
    assert EarlyWarning.objects.get().evidence == {"visit": str(visit.pk)}


def test_close_form_says_when_the_household_has_no_visit_yet(client_for, village_worker, warning):
    page = client_for(village_worker).get(reverse("monitoring:warning_detail", args=[warning.pk]))
    assert "该户还没有探访记录" in page.content.decode()
    assert "该户还没有救助申请" in page.content.decode()
