"""The system actor (ADR 0033): a named account with narrow rights that cannot sign in."""

import pytest

from minzheng.accounts.enums import ROLE_CAPABILITIES, Capability, Role
from minzheng.accounts.services.login import staff_authenticate
from minzheng.accounts.system import system_user
from minzheng.core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def test_the_system_is_one_account_with_the_provinces_jurisdiction():
    first, again = system_user(), system_user()

    assert first.pk == again.pk
    assert (first.username, first.role, first.jurisdiction.parent_id) == ("system", "system", None)


def test_the_system_cannot_sign_in(client):
    system = system_user()

    assert not system.has_usable_password()
    assert (system.is_staff, system.is_superuser) == (False, False)
    with pytest.raises(ApplicationError):
        staff_authenticate(username="system", password="", request=None)
    response = client.post("/accounts/login/", {"username": "system", "password": ""})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 400  # the form, with its refusal


def test_the_system_holds_only_its_own_rights():
    system = system_user()

    assert [c for c in Capability if system.has_capability(c)] == [
        Capability.FEED_IMPORT,
        Capability.PUBLICITY_CLOSE,
    ]
    assert not any(
        Capability.PUBLICITY_CLOSE in rights
        for role, rights in ROLE_CAPABILITIES.items()
        if role != Role.SYSTEM
    )
