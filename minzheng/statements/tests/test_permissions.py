"""access_statement: who may read a household's 幸福清单."""

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser

from minzheng.accounts.enums import Role
from minzheng.core.exceptions import NotFound
from minzheng.core.models import AuditEvent
from minzheng.statements.permissions import access_statement
from minzheng.statements.tests.conftest import DANGHU, PINGHU, SONGFENG, ZHAPU

pytestmark = pytest.mark.django_db


def test_anonymous_learns_nothing(home):
    with pytest.raises(NotFound):
        access_statement(actor=AnonymousUser(), household_id=home.pk)


@pytest.mark.parametrize(
    ("role", "division", "_case"),
    [
        (Role.TOWNSHIP_WORKER, ZHAPU, "other jurisdiction"),
        (Role.HOTLINE_OPERATOR, DANGHU, "same jurisdiction without the capability"),
        (Role.AUDITOR, PINGHU, "auditor"),
    ],
)
def test_refused_actors_learn_nothing(home, make_staff, role, division, _case):
    with pytest.raises(NotFound):
        access_statement(actor=make_staff(role, division), household_id=home.pk)
    assert not AuditEvent.objects.exists()


def test_staff_without_a_jurisdiction_learn_nothing(home, make_staff):
    with pytest.raises(NotFound):
        access_statement(actor=make_staff(Role.COUNTY_ADMIN, None), household_id=home.pk)


@pytest.mark.parametrize(
    ("role", "division"),
    [
        (Role.VILLAGE_WORKER, SONGFENG),
        (Role.TOWNSHIP_WORKER, DANGHU),
        (Role.COUNTY_CASEWORKER, PINGHU),
        (Role.COUNTY_ADMIN, PINGHU),
    ],
)
def test_allowed_actors_get_the_household(home, make_staff, role, division):
    assert access_statement(actor=make_staff(role, division), household_id=home.pk) == home


@pytest.mark.parametrize("household_id", [uuid.uuid4(), "not-a-uuid"])
def test_an_unknown_household_is_not_found(make_staff, household_id):
    with pytest.raises(NotFound):
        access_statement(actor=make_staff(Role.COUNTY_ADMIN), household_id=household_id)
