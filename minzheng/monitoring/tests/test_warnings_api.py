"""The warnings API: scoped as the warning pages, paged, audited, scope-checked."""

import pytest

from minzheng.accounts.enums import Role
from minzheng.accounts.tests.helpers import token_client
from minzheng.cases.tests.conftest import SONGFENG, ZHAPU
from minzheng.cases.tests.helpers import nothing_written
from minzheng.core.models import AuditEvent
from minzheng.monitoring.tests.test_views import warning  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

API = "/api/v1/monitoring/warnings"


def test_the_village_reads_its_warning_and_another_township_finds_none(make_staff, warning):  # noqa: F811
    village = token_client(make_staff(Role.VILLAGE_WORKER, SONGFENG), "warnings:read")
    zhapu = token_client(make_staff(Role.TOWNSHIP_WORKER, ZHAPU), "warnings:read")

    listed = village.get(API).json()
    detail = village.get(f"{API}/{warning.pk}").json()
    with nothing_written():
        foreign = zhapu.get(f"{API}/{warning.pk}")

    assert [row["id"] for row in listed["results"]] == [str(warning.pk)]
    assert (detail["cause"], detail["events"][0]["kind"]) == ("death", "death")
    assert foreign.status_code == 404
    assert zhapu.get(API).json()["results"] == []
    assert AuditEvent.objects.filter(target_type="monitoring.warning").count() == 1
    assert AuditEvent.objects.filter(target_type="monitoring.warning_list").count() == 2


def test_no_identifier_leaves_with_a_warning(make_staff, warning):  # noqa: F811
    person = warning.household.memberships.get().person
    client = token_client(make_staff(Role.VILLAGE_WORKER, SONGFENG), "warnings:read")
    text = client.get(f"{API}/{warning.pk}").content.decode()
    assert person.id_number not in text
    assert person.name not in text


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({"colour": 7}, {"colour": "取值不在允许范围内。"}),
        ({"cause": "x"}, {"cause": "取值不在允许范围内。"}),
        ({"page": 10_001}, {"page": "取值超出允许范围。"}),
        ({"page": "二"}, {"page": "应为整数。"}),
    ],
)
def test_bad_filters_are_named_in_chinese(make_staff, warning, params, fields):  # noqa: F811
    client = token_client(make_staff(Role.VILLAGE_WORKER, SONGFENG), "warnings:read")
    response = client.get(API, params)
    assert (response.status_code, response.json()["fields"]) == (422, fields)


def test_filters_and_pages(make_staff, warning):  # noqa: F811
    client = token_client(make_staff(Role.VILLAGE_WORKER, SONGFENG), "warnings:read")
    assert client.get(API, {"cause": "illness"}).json()["results"] == []
    assert len(client.get(API, {"cause": "death"}).json()["results"]) == 1
    assert client.get(API, {"page": 2}).json() == {"page": 2, "has_next": False, "results": []}


def test_a_token_without_warnings_read_is_refused(make_staff, warning):  # noqa: F811
    client = token_client(make_staff(Role.VILLAGE_WORKER, SONGFENG), "visits:read")
    with nothing_written():
        response = client.get(f"{API}/{warning.pk}")
    assert response.status_code == 403
    assert "warnings:read" in response.json()["detail"]
