"""What the household page offers each role: the 核对报告 link and the other apps' sections."""

import pytest
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db

SONGFENG = 330482001034
SECTIONS = (
    "cases:household_applications",
    "visits:household_visits",
    "monitoring:household_warnings",
    "visits:household_wishes",
)


def page(client, home) -> str:
    response = client.get(reverse("registry:household_detail", args=[home.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_village_worker_finds_the_check_report_and_every_section(make_staff, client_for):
    home = household_with_members(2)
    text = page(client_for(make_staff(Role.VILLAGE_WORKER, SONGFENG)), home)

    assert reverse("integration:check_report", args=[home.pk]) in text
    assert "核对报告" in text
    for name in SECTIONS:
        assert reverse(name, args=[home.pk]) in text
