"""What a caseworker sees of 未核对 facts and declarations: the 核对 page and the 核对报告."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from weasyprint.formatting_structure import boxes

from minzheng.cases.enums import StepKind
from minzheng.cases.models import FactAttestation
from minzheng.cases.tests.factories import POOR_CASE, POOR_SOURCES, application_at, poor_home
from minzheng.cases.tests.helpers import record_visit
from minzheng.core.pdf import render_document
from minzheng.integration.enums import Department
from minzheng.integration.selectors.report import household_check_report
from minzheng.integration.tests.factories import source_record
from minzheng.registry.enums import Relation
from minzheng.registry.tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

UNVERIFIED_CASE = {
    **POOR_CASE,
    "support_received_monthly": None,
    "has_capable_supporter": None,
    "assets": {"financial": None, "vehicles": [], "dwellings": 1},
}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _checking():
    return application_at(
        StepKind.CHECK,
        items=("tekun",),
        prefill={"case": UNVERIFIED_CASE, "sources": POOR_SOURCES},
    )


def test_the_check_page_shows_unverified_facts_with_room_for_a_declaration(
    village_worker, client_for
):
    application = _checking()

    page = client_for(village_worker).get(
        reverse("cases:application_detail", args=[application.pk])
    )

    html = page.content.decode()
    assert "未核对" in _text(html)
    assert 'name="declare_reason:assets.financial"' in html
    assert 'name="declare_document:has_capable_supporter"' in html
    assert 'name="source:assets.financial"' not in html  # a declaration, not a free source
    assert 'name="source:members[0].monthly_income"' in html  # department values as before


def test_a_declaration_posted_at_check_is_stored_and_shown(village_worker, client_for):
    application = _checking()
    client = client_for(village_worker)

    client.post(
        reverse("cases:check_confirm", args=[application.pk]),
        {
            "value:assets.financial": "3000",
            "declare_reason:assets.financial": "本人申报存折余额",
            "declare_document:assets.financial": "SM-2026-0042",
        },
    )

    attestation = FactAttestation.objects.get()
    assert (attestation.path, attestation.declared_value, attestation.document_number) == (
        "assets.financial",
        3000,
        "SM-2026-0042",
    )
    text = _text(
        client.get(reverse("cases:application_detail", args=[application.pk])).content.decode()
    )
    assert "家庭申报(证明材料 SM-2026-0042) · 本人申报存折余额" in text
    # Support and the supporter were left blank: still 未核对, and the rules wait.
    assert "待核对" in text


def test_a_declaration_without_its_evidence_is_refused_by_field(village_worker, client_for):
    application = _checking()

    response = client_for(village_worker).post(
        reverse("cases:check_confirm", args=[application.pk]),
        {"value:assets.financial": "3000", "declare_reason:assets.financial": "本人申报"},
    )

    assert response.status_code == 400
    assert "请写明理由和证明材料编号" in response.content.decode()
    assert not FactAttestation.objects.exists()


def test_the_check_report_names_each_facts_source_date_and_declaration(
    village_worker, township_worker, client_for
):
    home = poor_home()
    head = home.memberships.get().person
    son = MembershipFactory(household=home, relation=Relation.CHILD).person
    answered = dt.date(2026, 11, 10)
    source_record(
        head,
        Department.BANKS,
        {"bank_name": "湖州银行", "deposit_balance": "800", "wealth_balance": "0"},
        as_of=answered,
    )
    source_record(head, Department.VEHICLES, {"purchase_value": "30000"}, as_of=answered)
    application = application_at(
        StepKind.CHECK,
        household=home,
        items=("tekun",),
        prefill={"case": UNVERIFIED_CASE, "sources": POOR_SOURCES},
    )
    client_for(village_worker).post(
        reverse("cases:check_confirm", args=[application.pk]),
        {
            "value:support_received_monthly": "0",
            "declare_reason:support_received_monthly": "其子未给付",
            "declare_document:support_received_monthly": "SM-2026-0042",
        },
    )
    client = client_for(township_worker)

    page = _text(client.get(reverse("integration:check_report", args=[home.pk])).content.decode())
    pdf = client.get(reverse("integration:check_report_pdf", args=[home.pk]))
    assert pdf.status_code == 200
    document = render_document(
        "integration/report/print.html", {"report": household_check_report(household=home)}
    )
    printed = " ".join(
        box.text
        for printed_page in document.pages
        for box in printed_page._page_box.descendants()
        if isinstance(box, boxes.TextBox)
    )

    expected = (
        "事实来源",
        "车辆 2026-11-10，1/2 名成员有记录",
        # The banks answered for the head only: the son is 未核对, named.
        "部分成员未核对",
        f"未答复：{son.name}",
        "银行 2026-11-10，1/2 名成员已答复",
        f"申报 — 0.00，证明材料 SM-2026-0042，2026-11-20 记录(申请 {application.number})",
    )
    # The PDF breaks lines inside a cell: compare its text without spaces.
    for text in (page, printed):
        compact = text.replace(" ", "")
        for phrase in expected:
            assert phrase.replace(" ", "") in compact
    # No department and no declaration: 未核对; no 公积金 file received either.
    rows = dict(re.findall(r"(有赡养能力的法定义务人|住房公积金) (\S+)", page))
    assert rows == {"有赡养能力的法定义务人": "未核对", "住房公积金": "未核对"}


def test_the_township_review_warns_that_pending_items_cannot_be_approved(
    village_worker, township_worker, client_for
):
    application = _checking()
    client_for(village_worker).post(reverse("cases:check_confirm", args=[application.pk]))
    record_visit(application, village_worker)

    page = client_for(township_worker).get(
        reverse("cases:application_detail", args=[application.pk])
    )

    text = _text(page.content.decode())
    assert "以下事项待核对，县级不能批准：" in text
    assert "特困人员救助供养" in text.split("以下事项待核对，县级不能批准：")[1][:80]
