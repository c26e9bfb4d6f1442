import pytest

from minzheng.accounts.enums import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["19423774319703752704", "0", "10001"])
def test_an_out_of_range_page_of_audit_events_is_named_in_chinese(make_staff, client_for, page):
    """Found by schemathesis: a page past a bigint reached the database and gave a 500."""
    client = client_for(make_staff(Role.AUDITOR))
    response = client.get("/api/v1/audit/events", {"page": page})
    assert response.status_code == 422
    assert response.json()["fields"] == {"page": "取值超出允许范围。"}
