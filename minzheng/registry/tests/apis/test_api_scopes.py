"""A token does what its scopes allow, and never more than its user may."""

import json

import pytest

from minzheng.accounts.enums import Role
from minzheng.accounts.tests.helpers import token_client
from minzheng.core.models import AuditEvent
from minzheng.registry.models import Household, Person
from minzheng.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db


def _written():
    return Person.objects.count(), Household.objects.count(), AuditEvent.objects.count()


def test_a_read_only_token_is_refused_a_write_naming_the_scope_and_nothing_is_written(
    caseworker,
):
    home = household_with_members(1)
    client = token_client(caseworker, "registry:read")
    before = _written()
    response = client.post(
        f"/api/v1/registry/households/{home.pk}/persons",
        json.dumps({"name": "王五", "relation": "child"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "scope_missing"
    assert "registry:write" in body["detail"]
    assert "接口令牌缺少权限范围" in body["detail"]
    assert _written() == before


def test_a_read_only_token_may_not_reveal_an_identifier(caseworker):
    person = household_with_members(1).memberships.get().person
    client = token_client(caseworker, "registry:read")
    before = _written()
    response = client.post(f"/api/v1/registry/persons/{person.pk}/reveal")
    assert response.status_code == 403
    assert "registry:write" in response.json()["detail"]
    assert _written() == before


def test_a_token_for_cases_cannot_read_the_registry_or_the_audit_log(caseworker, county_admin):
    home = household_with_members(1)
    cases, admin = token_client(caseworker, "cases:read"), token_client(county_admin, "cases:read")
    before = _written()
    refused = cases.get(f"/api/v1/registry/households/{home.pk}")
    audit = admin.get("/api/v1/audit/events")
    assert (refused.status_code, audit.status_code) == (403, 403)
    assert "registry:read" in refused.json()["detail"]
    assert "audit:read" in audit.json()["detail"]
    assert _written() == before


def test_any_token_may_say_who_it_belongs_to(caseworker):
    me = token_client(caseworker, "cases:read").get("/api/v1/accounts/me")
    assert me.json()["username"] == caseworker.username


def test_a_token_never_exceeds_its_user_even_after_the_user_changes_role(make_staff):
    worker = make_staff(Role.TOWNSHIP_WORKER, 330482001000)
    client = token_client(worker, "registry:read", "registry:write")
    worker.role = Role.VILLAGE_WORKER  # moved to a 村社 post: may read, may no longer edit
    worker.save(update_fields=["role"])
    home = household_with_members(1)
    before = _written()
    response = client.post(
        f"/api/v1/registry/households/{home.pk}/persons",
        json.dumps({"name": "王五", "relation": "child"}),
        content_type="application/json",
    )
    assert response.status_code in {403, 404}
    assert response.json()["code"] != "scope_missing"
    assert _written() == before


def test_a_token_scoped_to_the_registry_sees_only_the_users_jurisdiction(make_staff):
    zhapu = make_staff(Role.TOWNSHIP_WORKER, 330482101000)
    home = household_with_members(1)  # in 当湖街道
    response = token_client(zhapu, "registry:read").get(f"/api/v1/registry/households/{home.pk}")
    assert response.status_code == 404
