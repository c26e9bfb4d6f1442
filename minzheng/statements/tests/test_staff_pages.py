"""The staff page and its PDF: access, audit, content, and the issued document."""

import dataclasses
import re

import pytest
from django.test import Client
from django.urls import reverse
from weasyprint.formatting_structure import boxes
from weasyprint.images import SVGImage

from minzheng.accounts.enums import Role
from minzheng.core.enums import AuditAction
from minzheng.core.models import AuditEvent
from minzheng.core.pdf import render_document
from minzheng.statements import printing
from minzheng.statements.models import StatementDocument
from minzheng.statements.printing import PRINT_TEMPLATE, qr_data_uri, statement_print_context
from minzheng.statements.selectors import household_statement, statement_digest
from minzheng.statements.services import statement_document_issue
from minzheng.statements.tests.conftest import DANGHU, PINGHU, SONGFENG, ZHAPU

pytestmark = pytest.mark.django_db

PAGE = "statements:household_statement"
PDF = "statements:statement_pdf"


def texts_by_page(document) -> list[str]:
    return [
        " ".join(box.text for box in page._page_box.descendants() if isinstance(box, boxes.TextBox))
        for page in document.pages
    ]


def images_of(document) -> list:
    return [
        box
        for page in document.pages
        for box in page._page_box.descendants()
        if isinstance(box, boxes.ReplacedBox)
    ]


# Access ------------------------------------------------------------------------------------

MATRIX = [
    # (role, jurisdiction, status, _case)
    (Role.TOWNSHIP_WORKER, ZHAPU, 404, "other township"),
    (Role.VILLAGE_WORKER, 330482001031, 404, "another 社区 of the same township"),
    (Role.HOTLINE_OPERATOR, DANGHU, 404, "same township, no capability, no registry access"),
    (Role.AUDITOR, PINGHU, 404, "the auditor reads the log, not households"),
    (Role.VILLAGE_WORKER, SONGFENG, 200, "own 社区"),
    (Role.TOWNSHIP_WORKER, DANGHU, 200, "own township"),
    (Role.COUNTY_CASEWORKER, PINGHU, 200, "county caseworker"),
]


@pytest.mark.parametrize(("role", "division", "status", "_case"), MATRIX)
@pytest.mark.parametrize(("url_name", "action"), [(PAGE, "view"), (PDF, "export")])
def test_access_matrix(
    home, make_staff, client_for, role, division, status, _case, url_name, action
):
    user = make_staff(role, division)

    response = client_for(user).get(reverse(url_name, args=[home.pk]))

    assert response.status_code == status
    events = list(AuditEvent.objects.values_list("action", "actor", "target_type", "target_id"))
    documents = StatementDocument.objects.count()
    if status == 200:
        assert events == [(action, user.pk, "statements.statement", str(home.pk))]
        assert documents == (1 if url_name == PDF else 0)
    else:
        assert (events, documents) == ([], 0)  # no write, no audit row


@pytest.mark.parametrize("url_name", [PAGE, PDF])
def test_anonymous_is_sent_to_login(home, url_name):
    response = Client().get(reverse(url_name, args=[home.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not AuditEvent.objects.exists()
    assert not StatementDocument.objects.exists()


def test_an_unknown_household_is_not_found(township_worker, client_for):
    url = reverse(PAGE, args=["0b7e1b6a-0000-4000-8000-000000000000"])

    assert client_for(township_worker).get(url).status_code == 404
    assert not AuditEvent.objects.exists()


# The page ----------------------------------------------------------------------------------


def test_the_page_shows_lines_totals_suggestions_and_the_hotline(
    home, township_worker, client_for, suggest
):
    suggest(("dibao", "最低生活保障", 525), ("tekun", "特困供养", 1950))

    response = client_for(township_worker).get(reverse(PAGE, args=[home.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    names = re.findall(r'<tr id="line-[^"]+">\s*<td[^>]*><strong>([^<]+)</strong>', page)
    assert names == ["最低生活保障", "支出型低保", "临时救助", "医疗救助", "电费减免"]
    assert "¥525.00/月" in page
    assert "¥1,500.00（一次性）" in page
    assert '<dd class="annual-total amount">¥10,504.50</dd>' in page
    assert '<dd class="paid-total amount">¥6,750.00</dd>' in page
    assert "特困供养" in page
    assert page.count("最低生活保障") == 1  # received, so not suggested again
    assert 'href="tel:96345"' in page
    assert "张秀英" in page  # the family's statement names its head in full
    assert "dibao.standard=1145" in page
    assert reverse(PDF, args=[home.pk]) in page


def test_viewing_is_audited_once_without_personal_data(home, township_worker, client_for):
    client_for(township_worker).get(reverse(PAGE, args=[home.pk]))

    event = AuditEvent.objects.get()
    assert (event.action, event.target_type, event.target_id) == (
        AuditAction.VIEW,
        "statements.statement",
        str(home.pk),
    )
    assert (event.division_code, event.changes, event.actor) == (SONGFENG, {}, township_worker)


# The PDF -----------------------------------------------------------------------------------


def test_the_pdf_is_an_attachment_and_issues_a_document(home, township_worker, client_for):
    response = client_for(township_worker).get(reverse(PDF, args=[home.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="statement-T0000004242.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")
    document = StatementDocument.objects.get()
    statement = household_statement(household_id=home.pk)
    assert (
        document.household_id,
        document.issued_by,
        document.digest,
        document.year,
        document.line_count,
        document.annual_total,
        document.head_name_masked,
        document.household_number_masked,
    ) == (
        home.pk,
        township_worker,
        statement_digest(statement),
        2026,
        5,
        statement.annual_total,
        "张*英",
        "T00*****242",
    )
    assert len(document.token) == 22
    event = AuditEvent.objects.get()
    assert (event.action, event.target_id, event.changes) == (
        AuditAction.EXPORT,
        str(home.pk),
        {"document": str(document.pk), "lines": 5},
    )


def test_each_pdf_gets_its_own_token(home, township_worker, client_for):
    client = client_for(township_worker)
    for _ in range(2):
        client.get(reverse(PDF, args=[home.pk]))

    tokens = set(StatementDocument.objects.values_list("token", flat=True))
    digests = set(StatementDocument.objects.values_list("digest", flat=True))
    assert (len(tokens), len(digests)) == (2, 1)


def test_the_qr_code_encodes_the_absolute_verification_url(
    home, township_worker, client_for, monkeypatch
):
    rendered = {}
    original = printing.render_pdf

    def spy(template, context):
        rendered.update(context)
        return original(template, context)

    monkeypatch.setattr(printing, "render_pdf", spy)

    client_for(township_worker).get(reverse(PDF, args=[home.pk]))

    token = StatementDocument.objects.get().token
    url = f"http://testserver/statements/verify/{token}/"
    assert rendered["verify_url"] == url
    assert rendered["qr_data_uri"] == qr_data_uri(url)
    assert rendered["qr_data_uri"].startswith("data:image/svg+xml")


def test_the_printed_statement_has_amounts_rules_qr_and_page_numbers(home, suggest):
    suggest(("tekun", "特困供养", 1950))
    statement = household_statement(household_id=home.pk)
    document = statement_document_issue(actor=None, statement=statement)
    url = f"https://minzheng.example/statements/verify/{document.token}/"

    laid_out = render_document(
        PRINT_TEMPLATE,
        statement_print_context(statement=statement, document=document, verify_url=url),
    )

    pages = texts_by_page(laid_out)
    text = " ".join(pages)
    assert len(pages) >= 1
    for number, page in enumerate(pages, 1):
        assert f"第 {number} 页 共 {len(pages)} 页" in page
        assert "户号 T0000004242" in page
    for amount in ("¥525.00/月", "¥6,300.00", "¥2,704.50", "¥1,500.00", "¥10,504.50"):
        assert amount in text
    assert "2026 年合计 ¥10,504.50" in text
    assert "dibao.standard=1145" in text
    assert "特困供养" in text
    assert "96345" in text
    [qr] = images_of(laid_out)
    assert isinstance(qr.replacement, SVGImage)
    assert round(qr.width * 25.4 / 96) == 28  # millimetres


def test_a_long_statement_repeats_the_table_header_and_keeps_rows_whole(home):
    statement = household_statement(household_id=home.pk)
    many = dataclasses.replace(statement, lines=statement.lines * 20)
    document = statement_document_issue(actor=None, statement=statement)

    pages = texts_by_page(
        render_document(
            PRINT_TEMPLATE,
            statement_print_context(statement=many, document=document, verify_url="https://x/"),
        )
    )

    assert len(pages) >= 2
    assert all("事项(部门)" in page for page in pages[: len(pages) - 1])
    assert sum(page.count("支出型低保") for page in pages) == 20
