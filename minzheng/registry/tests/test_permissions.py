"""Permission matrix: anonymous, other jurisdiction, same jurisdiction without role, allowed."""

import pytest
from django.test import Client
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.core.enums import AuditAction
from minzheng.core.models import AuditEvent
from minzheng.registry.tests.factories import MembershipFactory, household_with_members

pytestmark = pytest.mark.django_db

DANGHU = 330482001000
ZHAPU = 330482101000
SONGFENG = 330482001034
BAIHUA = 330482001031


@pytest.fixture
def home():
    return household_with_members(2)


MATRIX = [
    # (role, jurisdiction, page status, api status, _case)
    (Role.TOWNSHIP_WORKER, ZHAPU, 404, 404, "other township"),
    (Role.VILLAGE_WORKER, BAIHUA, 404, 404, "neighbouring community"),
    (Role.HOTLINE_OPERATOR, 330482000000, 404, 404, "same county, role without registry access"),
    (Role.AUDITOR, 330482000000, 404, 404, "auditor reads the log, not the registry"),
    (Role.TOWNSHIP_WORKER, DANGHU, 200, 200, "own township"),
    (Role.VILLAGE_WORKER, SONGFENG, 200, 200, "own community"),
    (Role.COUNTY_CASEWORKER, 330482000000, 200, 200, "county caseworker"),
]


def test_anonymous_is_sent_to_login_and_the_api_answers_401(home):
    page = Client().get(reverse("registry:household_detail", args=[home.pk]))
    api = Client().get(f"/api/v1/registry/households/{home.pk}")
    assert page.status_code == 302
    assert page["Location"].startswith("/accounts/login/")
    assert api.status_code == 401
    assert api.json()["code"] == "unauthenticated"


@pytest.mark.parametrize(("role", "division", "page_status", "api_status", "_case"), MATRIX)
def test_household_page_and_api(
    home, make_staff, client_for, role, division, page_status, api_status, _case
):
    client = client_for(make_staff(role, division))

    page = client.get(reverse("registry:household_detail", args=[home.pk]))
    api = client.get(f"/api/v1/registry/households/{home.pk}")

    assert page.status_code == page_status
    assert api.status_code == api_status
    views = AuditEvent.objects.filter(action=AuditAction.VIEW, target_id=str(home.pk)).count()
    assert views == (2 if page_status == 200 else 0)


def test_search_page_refuses_roles_without_registry_access(make_staff, client_for):
    client = client_for(make_staff(Role.CHARITY_STAFF))
    assert client.get(reverse("registry:household_search"), {"q": "张"}).status_code == 403
    assert client.get("/api/v1/registry/households", {"q": "张"}).status_code == 403


def test_search_never_returns_households_outside_the_jurisdiction(make_staff, client_for):
    MembershipFactory(person__name="张伟")
    outsider = client_for(make_staff(Role.TOWNSHIP_WORKER, ZHAPU))
    insider = client_for(make_staff(Role.TOWNSHIP_WORKER, DANGHU))

    assert outsider.get("/api/v1/registry/households", {"q": "张伟"}).json()["results"] == []
    assert len(insider.get("/api/v1/registry/households", {"q": "张伟"}).json()["results"]) == 1


def test_a_user_without_jurisdiction_sees_nothing(make_staff, client_for, home):
    client = client_for(make_staff(Role.COUNTY_ADMIN, None))
    assert client.get(reverse("registry:household_detail", args=[home.pk])).status_code == 404
