"""Permission matrix of every page: anonymous, other jurisdiction, no capability, allowed."""

import pytest
from django.test import Client
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.cases.enums import StepKind
from minzheng.cases.services.approval import ItemDecision, application_approve
from minzheng.cases.tests.factories import application_at, item
from minzheng.core.enums import AuditAction
from minzheng.core.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

PINGHU = 330482000000
DANGHU = 330482001000
SONGFENG = 330482001034
BAIHUA = 330482001031
ZHAPU = 330482101000


@pytest.fixture
def decided(county_worker):
    application = application_at(StepKind.COUNTY_APPROVAL)
    application.items.filter(item=item("dibao")).update(eligible=True, proposed_amount=525)
    application_approve(
        actor=county_worker,
        application_id=application.pk,
        decisions={"dibao": ItemDecision(grant=True)},
        reason="同意",
    )
    return application


def _pages(application):
    return {
        "list": reverse("cases:application_list"),
        "new": reverse("cases:application_new"),
        "detail": reverse("cases:application_detail", args=[application.pk]),
        "pdf": reverse("cases:decision_pdf", args=[application.pk]),
        "payments": reverse("payments:batch_list"),
    }


def test_anonymous_staff_pages_send_to_login(decided):
    for url in _pages(decided).values():
        response = Client().get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/")


# (role, jurisdiction, list, new, detail, pdf, payments, _case)
MATRIX = [
    (Role.VILLAGE_WORKER, BAIHUA, 200, 200, 404, 404, 403, "neighbouring community"),
    (Role.TOWNSHIP_WORKER, ZHAPU, 200, 200, 404, 404, 403, "other township"),
    (Role.AUDITOR, PINGHU, 200, 403, 200, 200, 200, "reads cases and payments (ADR 0031)"),
    (Role.HOTLINE_OPERATOR, PINGHU, 403, 403, 404, 404, 403, "same county, no capability at all"),
    (Role.VILLAGE_WORKER, SONGFENG, 200, 200, 200, 200, 403, "own community"),
    (Role.TOWNSHIP_WORKER, DANGHU, 200, 200, 200, 200, 403, "own township"),
    (Role.COUNTY_CASEWORKER, PINGHU, 200, 200, 200, 200, 200, "county caseworker"),
]


@pytest.mark.parametrize(
    ("role", "division", "listed", "new", "detail", "pdf", "payments", "_case"), MATRIX
)
def test_page_matrix(
    decided, make_staff, client_for, role, division, listed, new, detail, pdf, payments, _case
):
    client = client_for(make_staff(role, division))
    pages = _pages(decided)

    statuses = {name: client.get(url).status_code for name, url in pages.items()}

    assert statuses == {
        "list": listed,
        "new": new,
        "detail": detail,
        "pdf": pdf,
        "payments": payments,
    }
    views = AuditEvent.objects.filter(action=AuditAction.VIEW, target_id=str(decided.pk))
    exports = AuditEvent.objects.filter(action=AuditAction.EXPORT, target_id=str(decided.pk))
    assert views.count() == (1 if detail == 200 else 0)
    assert exports.count() == (1 if pdf == 200 else 0)


def test_the_list_shows_only_the_jurisdiction(make_staff, client_for, decided):
    from minzheng.cases.tests.factories import poor_home
    from minzheng.divisions.models import Division

    outside = application_at(household=poor_home(division=Division.objects.get(code=BAIHUA)))
    client = client_for(make_staff(Role.VILLAGE_WORKER, SONGFENG))

    page = client.get(reverse("cases:application_list")).content.decode()

    assert decided.number in page
    assert outside.number not in page


@pytest.mark.parametrize(
    ("url_name", "role", "division", "status", "_case"),
    [
        ("cases:township_review", Role.VILLAGE_WORKER, SONGFENG, 403, "village acting for 镇街"),
        ("cases:approve", Role.TOWNSHIP_WORKER, DANGHU, 403, "镇街 acting for the county"),
        ("cases:check_confirm", Role.VILLAGE_WORKER, BAIHUA, 404, "neighbouring community"),
        ("cases:check_confirm", Role.AUDITOR, PINGHU, 403, "reads, never acts"),
        ("cases:check_confirm", Role.HOTLINE_OPERATOR, PINGHU, 404, "no capability"),
    ],
)
def test_step_posts_refuse_who_may_not_act(
    make_staff, client_for, url_name, role, division, status, _case
):
    application = application_at(StepKind.CHECK)
    client = client_for(make_staff(role, division))

    response = client.post(reverse(url_name, args=[application.pk]), {"decision": "approve"})

    assert response.status_code == status
    assert AuditEvent.objects.count() == 0


def test_anonymous_may_read_the_publicity_board_but_not_post_steps(decided):
    assert Client().get(reverse("publicity:board", args=[SONGFENG])).status_code == 200
    response = Client().post(reverse("cases:check_confirm", args=[decided.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
