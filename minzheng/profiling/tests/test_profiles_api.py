"""The profiles API: a household's profile as the page shows it, tallies, scope and bounds."""

import pytest

from conftest import DANGHU, ZHAPU
from minzheng.accounts.enums import Role
from minzheng.accounts.tests.helpers import token_client
from minzheng.core.models import AuditEvent
from minzheng.profiling.tests.test_household_page import profiled  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

API = "/api/v1/profiling"


def test_a_profile_is_read_inside_the_township_and_audited(make_staff, profiled):  # noqa: F811
    danghu = token_client(make_staff(Role.TOWNSHIP_WORKER, DANGHU), "profiles:read")
    zhapu = token_client(make_staff(Role.TOWNSHIP_WORKER, ZHAPU), "profiles:read")
    body = danghu.get(f"{API}/households/{profiled.pk}").json()
    before = AuditEvent.objects.count()
    foreign = zhapu.get(f"{API}/households/{profiled.pk}")
    assert body["profile"]["primary"] == "兜底型"
    assert "家庭人均收入低于低保标准" in body["profile"]["reasons"]
    assert body["timeline"][0]["colour_before"] == ""
    assert foreign.status_code == 404
    assert AuditEvent.objects.count() == before
    assert AuditEvent.objects.filter(target_type="profiling.household_profile").count() == 1


def test_tallies_count_households_in_the_jurisdiction_only(make_staff, profiled):  # noqa: F811
    danghu = token_client(make_staff(Role.TOWNSHIP_WORKER, DANGHU), "profiles:read")
    zhapu = token_client(make_staff(Role.TOWNSHIP_WORKER, ZHAPU), "profiles:read")
    rows = danghu.get(f"{API}/tallies").json()["results"]
    assert sum(row["households"] for row in rows) == 1
    assert zhapu.get(f"{API}/tallies").json()["results"] == []
    refused = danghu.get(f"{API}/tallies", {"page": 0})
    assert refused.json()["fields"] == {"page": "取值超出允许范围。"}


def test_a_token_without_profiles_read_is_refused(make_staff, profiled):  # noqa: F811
    client = token_client(make_staff(Role.TOWNSHIP_WORKER, DANGHU), "registry:read")
    before = AuditEvent.objects.count()
    response = client.get(f"{API}/households/{profiled.pk}")
    assert response.status_code == 403
    assert "profiles:read" in response.json()["detail"]
    assert AuditEvent.objects.count() == before
