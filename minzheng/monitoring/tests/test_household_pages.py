"""主动发现 rows a worker can act on, and the household page's 预警 section."""

import datetime as dt

import pytest
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.accounts.system import system_user
from minzheng.cases.tests.conftest import BAIHUA
from minzheng.core.models import AuditEvent
from minzheng.eligibility.models import Determination, DeterminationRun
from minzheng.monitoring.models import EarlyWarning
from minzheng.monitoring.services import events_import, warnings_from_events
from minzheng.registry.tests.factories import household_with_members

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
ZERO = dict.fromkeys(
    [
        f"{p}_{f}"
        for p in ("tekun", "dibao", "dibao_single", "dibao_edge", "rigid_expenditure")
        for f in ("amount", "reasons")
    ],
    0,
)


@pytest.fixture
def discovered():
    run = DeterminationRun.objects.create(
        as_of=dt.date(2026, 10, 31), rules_version="t", is_current=True
    )
    home = household_with_members(1)
    Determination.objects.create(
        run=run,
        household=home,
        division_code=home.division_id,
        resident_count=1,
        per_capita_income_cents=0,
        eligible_bits=2,
        **ZERO,
    )
    return home


def test_discovery_rows_link_the_household_name_the_village_and_offer_intake(
    discovered, village_worker, client_for
):
    client = client_for(village_worker)

    text = client.get(reverse("monitoring:discovery")).content.decode()

    assert reverse("registry:household_detail", args=[discovered.pk]) in text
    assert "松枫社区" in text
    assert str(discovered.division_id) not in text
    intake = f"{reverse('cases:application_new')}?household={discovered.pk}"
    assert intake in text
    assert "受理" in text
    # The 受理 link opens the intake form on this household, through the intake access check.
    form = client.get(intake).content.decode()
    assert discovered.number in form


def test_discovery_offers_no_intake_to_staff_who_do_not_take_applications(
    discovered, make_staff, client_for, monkeypatch
):
    from minzheng.accounts import enums

    monkeypatch.setitem(
        enums.ROLE_CAPABILITIES,
        Role.VILLAGE_WORKER,
        enums.ROLE_CAPABILITIES[Role.VILLAGE_WORKER] - {enums.Capability.APPLICATION_INTAKE},
    )
    worker = make_staff(Role.VILLAGE_WORKER, discovered.division_id)

    text = client_for(worker).get(reverse("monitoring:discovery")).content.decode()

    assert reverse("registry:household_detail", args=[discovered.pk]) in text
    assert reverse("cases:application_new") not in text


def _death_warning() -> EarlyWarning:
    home = household_with_members(1)
    events_import(
        actor=system_user(),
        rows=[
            {
                "record_id": "1",
                "id_number": home.memberships.get().person.id_number,
                "kind": "death",
                "occurred_on": "2026-11-18",
                "amount": "",
            }
        ],
        source="公安",
    )
    warnings_from_events(as_of=dt.date(2026, 11, 20))
    return EarlyWarning.objects.get()


def test_the_household_section_lists_its_warnings_with_links(village_worker, client_for):
    warning = _death_warning()
    household_with_members(1)  # a household without warnings

    response = client_for(village_worker).get(
        reverse("monitoring:household_warnings", args=[warning.household_id])
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in text
    assert reverse("monitoring:warning_detail", args=[warning.pk]) in text
    assert "死亡" in text or warning.get_cause_display() in text
    assert warning.get_status_display() in text
    event = AuditEvent.objects.get(target_type="monitoring.household_warnings")
    assert (event.target_id, event.changes) == (str(warning.household_id), {"results": 1})


@pytest.mark.parametrize(
    ("role", "division", "status"),
    [(Role.VILLAGE_WORKER, BAIHUA, 404), (Role.CHARITY_STAFF, None, 403)],
)
def test_the_household_section_refuses_others(make_staff, client_for, role, division, status):
    warning = _death_warning()
    actor = make_staff(role, division) if division else make_staff(role)

    response = client_for(actor).get(
        reverse("monitoring:household_warnings", args=[warning.household_id])
    )

    assert response.status_code == status
    assert not AuditEvent.objects.filter(target_type="monitoring.household_warnings").exists()
