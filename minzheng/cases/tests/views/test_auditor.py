"""The auditor reads applications (list and page) and can change nothing (ADR 0031)."""

import uuid

import pytest
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.cases.enums import StepKind
from minzheng.cases.tests.factories import ObjectionFactory, application_at
from minzheng.cases.tests.helpers import nothing_written
from minzheng.core.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
SOMEONE = uuid.UUID("0b7e1b6a-0000-4000-8000-000000000000")


@pytest.fixture
def auditor(make_staff):
    return make_staff(Role.AUDITOR)


def test_the_auditor_reads_the_list_and_the_application_page(auditor, client_for):
    application = application_at(StepKind.COUNTY_APPROVAL)
    client = client_for(auditor)

    listing = client.get(reverse("cases:application_list"))
    page = client.get(reverse("cases:application_detail", args=[application.pk]))

    assert listing.status_code == 200
    assert application.number in listing.content.decode()
    assert page.status_code == 200
    text = page.content.decode()
    assert application.number in text
    assert '<form class="panel step-form"' not in text  # no step form
    assert '<form class="step-form"' not in text  # no objection form
    assert "新建申请" not in listing.content.decode()
    viewed = AuditEvent.objects.filter(actor=auditor, action="view").values_list(
        "target_type", flat=True
    )
    assert set(viewed) == {"cases.application_list", "cases.application"}


def test_the_auditor_sees_the_applications_menu(auditor, client_for):
    text = client_for(auditor).get("/").content.decode()
    assert reverse("cases:application_list") in text
    assert reverse("payments:batch_list") in text


WRITES = [
    ("cases:check_confirm", StepKind.CHECK, {}),
    ("cases:item_propose", StepKind.INVESTIGATION, {"items": ["medical"]}),
    ("cases:investigation", StepKind.INVESTIGATION, {"findings": "入户核实", "agree": "on"}),
    ("cases:township_review", StepKind.TOWNSHIP_REVIEW, {"decision": "agree", "note": "同意"}),
    ("cases:grant_first", StepKind.TOWNSHIP_REVIEW, {"amount": "500"}),
    ("cases:publicity_complete", StepKind.PUBLICITY, {}),
    ("cases:approve", StepKind.COUNTY_APPROVAL, {"amount:dibao": "525"}),
    ("cases:refuse", StepKind.COUNTY_APPROVAL, {"reason": "不符合条件"}),
]


@pytest.mark.parametrize(("url_name", "step", "data"), WRITES)
def test_every_step_refuses_the_auditor_with_nothing_written(
    auditor, client_for, url_name, step, data
):
    application = application_at(step, items=("dibao", "temporary"))
    client = client_for(auditor)

    with nothing_written(application):
        response = client.post(reverse(url_name, args=[application.pk]), data)

    assert response.status_code == 403


def test_the_auditor_resolves_no_objection_and_takes_no_application(auditor, client_for):
    objection = ObjectionFactory(application=application_at(StepKind.PUBLICITY))
    client = client_for(auditor)

    with nothing_written(objection.application):
        resolve = client.post(
            reverse("cases:objection_resolve", args=[objection.pk]),
            {"outcome": "upheld", "note": "核实"},
        )
        intake = client.post(
            reverse("cases:application_new"),
            {"household": str(objection.application.household_id), "channel": "window"},
        )
        review = client.post(reverse("cases:review_decide", args=[SOMEONE]), {"decision": "x"})
        caseload = client.post(reverse("cases:caseload_resolve", args=[SOMEONE]), {})

    assert resolve.status_code == 403
    assert intake.status_code == 403
    assert review.status_code in (403, 404)
    assert caseload.status_code in (403, 404)
