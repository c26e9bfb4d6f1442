"""The household page's 救助申请 section, served by cases to the registry's household page."""

import pytest
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.cases.tests.conftest import BAIHUA, PINGHU
from minzheng.cases.tests.factories import application_at, poor_home
from minzheng.core.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def section(client, home):
    return client.get(reverse("cases:household_applications", args=[home.pk]))


def test_the_village_worker_sees_the_applications_with_links(village_worker, client_for):
    home = poor_home()
    application = application_at(household=home)
    application_at(household=poor_home("李四"))  # another household's: not listed

    response = section(client_for(village_worker), home)

    text = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in text
    assert "救助申请" in text
    assert application.number in text
    assert reverse("cases:application_detail", args=[application.pk]) in text
    assert "核对" in text  # the current step, in words
    assert text.count("SQ2026") == 1
    event = AuditEvent.objects.get(target_type="cases.household_applications")
    assert (event.target_id, event.changes) == (str(home.pk), {"results": 1})


def test_a_household_without_applications_says_so(village_worker, client_for):
    text = section(client_for(village_worker), poor_home()).content.decode()
    assert "暂无救助申请。" in text


@pytest.mark.parametrize(
    ("role", "division", "status"),
    [
        (Role.VILLAGE_WORKER, BAIHUA, 404),  # another 村社 of the same 镇街
        (Role.CHARITY_STAFF, PINGHU, 403),  # no application capability
    ],
)
def test_others_learn_nothing(make_staff, client_for, role, division, status):
    home = poor_home()
    application_at(household=home)

    response = section(client_for(make_staff(role, division)), home)

    assert response.status_code == status
    assert not AuditEvent.objects.filter(target_type="cases.household_applications").exists()
