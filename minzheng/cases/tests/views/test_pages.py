"""The pages: list with filters, new application, the application page, 公示 board and PDF."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from weasyprint.formatting_structure import boxes

from minzheng.cases.enums import StepKind
from minzheng.cases.models import Application, Objection
from minzheng.cases.selectors.decision import decision_notice
from minzheng.cases.services.approval import ItemDecision, application_approve
from minzheng.cases.services.publicity import publicity_complete
from minzheng.cases.tests.factories import application_at, poor_home
from minzheng.cases.tests.helpers import to_publicity
from minzheng.core.enums import AuditAction
from minzheng.core.models import AuditEvent
from minzheng.core.pdf import render_document
from minzheng.registry.tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
HTMX = {"HX-Request": "true"}
SONGFENG = 330482001034


def texts_by_page(document) -> list[str]:
    return [
        " ".join(box.text for box in page._page_box.descendants() if isinstance(box, boxes.TextBox))
        for page in document.pages
    ]


def test_list_filters_by_step_and_serves_a_fragment(village_worker, client_for):
    checking = application_at(StepKind.CHECK)
    visiting = application_at(StepKind.INVESTIGATION)
    client = client_for(village_worker)

    fragment = client.get(reverse("cases:application_list"), {"step": "check"}, headers=HTMX)

    body = fragment.content.decode()
    assert body.lstrip().startswith('<section id="results"')
    assert checking.number in body
    assert visiting.number not in body
    event = AuditEvent.objects.get(target_type="cases.application_list")
    assert event.changes == {"status": "", "step": "check", "results": 1}


def test_list_query_count_does_not_grow_with_rows(
    village_worker, client_for, django_assert_num_queries
):
    client = client_for(village_worker)
    for _ in range(3):
        application_at(StepKind.CHECK)
    with django_assert_num_queries(13):
        client.get(reverse("cases:application_list"))
    for _ in range(5):
        application_at(StepKind.CHECK)
    with django_assert_num_queries(13):
        client.get(reverse("cases:application_list"))


def test_overdue_steps_are_red(village_worker, client_for, frozen):
    application_at(StepKind.CHECK)  # due 2026-11-20 in the factory
    frozen.move_to("2026-11-24 09:00 +0800")

    page = client_for(village_worker).get(reverse("cases:application_list")).content.decode()

    assert 'class="error overdue">2026-11-20 已超期' in page


def test_new_application_finds_a_household_and_takes_it(village_worker, client_for):
    home = poor_home(name="沈美华")
    client = client_for(village_worker)

    found = client.get(reverse("cases:application_new"), {"q": "沈美华"}, headers=HTMX)
    assert f"?household={home.pk}" in found.content.decode()

    form = client.get(reverse("cases:application_new"), {"household": home.pk})
    assert "家庭成员已签署核对授权书" in form.content.decode()
    assert home.memberships.get().person.id_number not in form.content.decode()

    response = client.post(
        reverse("cases:application_new"),
        {
            "household": home.pk,
            "items": ["dibao"],
            "channel": "window",
            "has_consent": "on",
            "consent_date": "2026-11-20",
            "consent_signed_by": "沈美华",
            "consent_document": "HD-1",
            "as_of": "2026-11-20",
        },
    )

    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:application_detail", args=[application.pk])


def test_new_application_without_consent_shows_the_refusal(village_worker, client_for):
    home = poor_home()
    response = client_for(village_worker).post(
        reverse("cases:application_new"),
        {"household": home.pk, "items": ["dibao"], "channel": "window"},
    )
    assert response.status_code == 400
    assert "未取得家庭成员签字的核对授权书，不能受理。" in response.content.decode()
    assert Application.objects.count() == 0


def test_the_application_page_shows_the_check_form_to_the_worker(village_worker, client_for):
    application = application_at(StepKind.CHECK)

    page = (
        client_for(village_worker)
        .get(reverse("cases:application_detail", args=[application.pk]))
        .content.decode()
    )

    assert "确认核对并预审" in page
    assert 'name="value:members[0].monthly_income" value="620.0"' in page
    assert "人社 2026-10-31" in page
    assert "成员 1(申请人) · 月收入(元)" in page
    assert "松枫社区 · 村社工作人员" in page  # the check step's owner
    assert "入户调查" in page  # a planned step


def test_a_check_post_without_a_source_re_renders_with_the_error(village_worker, client_for):
    application = application_at(StepKind.CHECK)
    url = reverse("cases:check_confirm", args=[application.pk])

    response = client_for(village_worker).post(
        url, {"value:members[0].monthly_income": "900", "source:members[0].monthly_income": ""}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "修改或补充的数值须注明来源" in page
    assert 'name="value:members[0].monthly_income" value="900"' in page


def test_a_check_post_via_htmx_redirects_after_the_write(village_worker, client_for):
    application = application_at(StepKind.CHECK)

    response = client_for(village_worker).post(
        reverse("cases:check_confirm", args=[application.pk]), {}, headers=HTMX
    )

    assert response["HX-Redirect"] == reverse("cases:application_detail", args=[application.pk])
    application.refresh_from_db()
    assert application.current_step == StepKind.INVESTIGATION


def test_the_page_shows_the_rules_reasons_in_chinese(village_worker, client_for):
    application = application_at(StepKind.CHECK)
    client = client_for(village_worker)
    client.post(reverse("cases:check_confirm", args=[application.pk]), {})

    page = client.get(reverse("cases:application_detail", args=[application.pk])).content.decode()

    assert "家庭人均收入 620.00 元 低于 低保标准 1145 元" in page
    assert "保存入户调查" in page


def test_an_approval_while_an_objection_is_open_is_a_409_on_the_page(
    village_worker, township_worker, county_worker, client_for
):
    application = to_publicity(application_at(), village_worker, township_worker)
    Client().post(
        reverse("publicity:objection_lodge", args=[SONGFENG, application.pk]),
        {"content": "其子有车"},
    )
    client = client_for(county_worker)

    page = client.get(reverse("cases:application_detail", args=[application.pk]))
    refused = client.post(reverse("cases:approve", args=[application.pk]), {"grant:dibao": "true"})

    assert "公示期间收到 1 条异议待处理，县级审批暂停。" in page.content.decode()
    assert refused.status_code == 409
    assert "公示期间收到的异议尚未处理，暂不能审批。" in refused.content.decode()


def test_the_public_board_masks_and_takes_objections(village_worker, township_worker):
    home = poor_home(name="张秀英")
    application = to_publicity(application_at(household=home), village_worker, township_worker)
    person = home.memberships.get().person
    board = reverse("publicity:board", args=[SONGFENG])

    page = Client().get(board).content.decode()
    posted = Client().post(
        reverse("publicity:objection_lodge", args=[SONGFENG, application.pk]),
        {"content": "该户有经营收入", "contact_phone": ""},
    )

    assert "张*英" in page
    assert "张秀英" not in page
    assert person.id_number not in page
    assert person.id_number_masked in page
    assert "最低生活保障 525.00 元" in page
    assert "2026-11-20 至 2026-11-26" in page
    assert posted.status_code == 302
    assert posted["Location"] == f"{board}?lodged=1"
    assert Objection.objects.get().content == "该户有经营收入"


def test_a_bad_objection_re_renders_the_board(village_worker, township_worker):
    application = to_publicity(application_at(), village_worker, township_worker)
    response = Client().post(
        reverse("publicity:objection_lodge", args=[SONGFENG, application.pk]),
        {"content": " ", "contact_phone": "123"},
    )
    assert response.status_code == 400
    assert "请填写异议内容。" in response.content.decode()
    assert Objection.objects.count() == 0


def test_an_objection_to_an_unknown_application_is_404():
    import uuid

    url = reverse("publicity:objection_lodge", args=[SONGFENG, uuid.uuid4()])
    assert Client().post(url, {"content": "x"}).status_code == 404
    assert Client().get(reverse("publicity:board", args=[330482999999])).status_code == 404


@pytest.fixture
def approved(village_worker, township_worker, county_worker, frozen):
    application = to_publicity(application_at(), village_worker, township_worker)
    frozen.move_to("2026-11-27 09:00 +0800")
    publicity_complete(actor=township_worker, application_id=application.pk)
    grant = {
        code: ItemDecision(grant=True)
        for code in ("medical", "education", "housing", "electricity_waiver", "cable_tv_waiver")
    }
    application_approve(
        actor=county_worker,
        application_id=application.pk,
        decisions={**grant, "dibao": ItemDecision(grant=True)},
        reason="同意",
    )
    application.refresh_from_db()
    return application


def test_the_decision_notice_renders_with_the_amount_and_its_start(approved):
    notice = decision_notice(application=approved)
    document = render_document("cases/decision/print.html", {"notice": notice})
    text = " ".join(texts_by_page(document))

    assert len(document.pages) >= 1
    assert "社会救助决定通知书" in text
    assert "JD20261127-0001" in text
    assert "525.00" in text
    assert "张秀英" in text  # the notice goes to the family: full name
    assert "2026年12月" in text  # the month after approval
    assert "dibao.standard" not in text  # parameters are the staff's, not the family's
    assert "家庭人均收入 620.00 元 低于 低保标准 1145 元" in re.sub(r"\s+", " ", text)


def test_the_decision_pdf_download_is_an_audited_export(approved, county_worker, client_for):
    response = client_for(county_worker).get(reverse("cases:decision_pdf", args=[approved.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="decision-JD20261127-0001.pdf"'
    assert response.content.startswith(b"%PDF")
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.changes == {"step": "decision_notice", "decision_number": "JD20261127-0001"}


def test_no_notice_while_the_application_is_in_progress(village_worker, client_for):
    application = application_at(StepKind.CHECK)
    url = reverse("cases:decision_pdf", args=[application.pk])
    assert client_for(village_worker).get(url).status_code == 404


def test_the_application_page_shows_what_is_owed_not_paid(approved, county_worker, client_for):
    client = client_for(county_worker)
    detail = client.get(reverse("cases:application_detail", args=[approved.pk])).content.decode()
    assert "发放计划" in detail
    assert "自 2026-12 起按月" in detail
    assert "525.00" in detail
    assert "以银行回盘为准" in detail
    assert "发放 完成" not in detail


def test_the_page_fits_the_decision_start_month(approved, county_worker, client_for):
    page = (
        client_for(county_worker)
        .get(reverse("cases:application_detail", args=[approved.pk]))
        .content.decode()
    )
    assert "下载决定通知书(PDF)" in page
    assert dt.date(2026, 12, 1).strftime("%Y-%m") in page


def test_detail_query_count_does_not_grow_with_the_family(village_worker, client_for):
    small = application_at(StepKind.CHECK)
    large = application_at(StepKind.CHECK)
    for _ in range(4):
        MembershipFactory(household=large.household, relation="child")
    client = client_for(village_worker)
    client.get(reverse("cases:application_detail", args=[small.pk]))  # warm the session

    with CaptureQueriesContext(connection) as small_queries:
        client.get(reverse("cases:application_detail", args=[small.pk]))
    with CaptureQueriesContext(connection) as large_queries:
        client.get(reverse("cases:application_detail", args=[large.pk]))
    assert len(large_queries) == len(small_queries)
