"""The due-visits API: the jurisdiction's plans, paged, audited, scope-checked."""

import datetime as dt

import pytest

from minzheng.accounts.enums import Role
from minzheng.accounts.tests.helpers import token_client
from minzheng.core.models import AuditEvent
from minzheng.visits.tests.conftest import SONGFENG, YOULIAN
from minzheng.visits.tests.factories import CST, home, plan

pytestmark = pytest.mark.django_db

API = "/api/v1/visits/due"
ZHAPU = 330482101000


@pytest.fixture
def due(frozen):
    household = home()
    plan(household, colour=2, next_due_at=dt.datetime(2026, 11, 19, 9, tzinfo=CST))
    far = home(division=YOULIAN, head="沈阿四")
    plan(far, colour=2, next_due_at=dt.datetime(2026, 11, 19, 9, tzinfo=CST))
    return household


def test_the_village_sees_its_due_visits_and_another_township_none(make_staff, due):
    village = token_client(make_staff(Role.VILLAGE_WORKER, SONGFENG), "visits:read")
    zhapu = token_client(make_staff(Role.TOWNSHIP_WORKER, ZHAPU), "visits:read")
    rows = village.get(API).json()["results"]
    assert [(r["household_id"], r["head_name"], r["is_overdue"]) for r in rows] == [
        (str(due.pk), "曾国平", True)
    ]
    assert zhapu.get(API).json()["results"] == []
    assert AuditEvent.objects.filter(target_type="visits.due_list").count() == 2


def test_pages_are_bounded_and_named(make_staff, due):
    client = token_client(make_staff(Role.VILLAGE_WORKER, SONGFENG), "visits:read")
    assert client.get(API, {"page": 2}).json() == {"page": 2, "has_next": False, "results": []}
    refused = client.get(API, {"page": -1})
    assert (refused.status_code, refused.json()["fields"]) == (422, {"page": "取值超出允许范围。"})


def test_a_token_without_visits_read_is_refused(make_staff, due):
    client = token_client(make_staff(Role.VILLAGE_WORKER, SONGFENG), "warnings:read")
    before = AuditEvent.objects.count()
    response = client.get(API)
    assert response.status_code == 403
    assert "visits:read" in response.json()["detail"]
    assert AuditEvent.objects.count() == before
