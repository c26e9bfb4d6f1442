"""The public verification page behind a printed statement's QR code."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from minzheng.cases.models import PaymentSchedule
from minzheng.core.models import AuditEvent
from minzheng.payments.tests.factories import PaymentLineFactory
from minzheng.statements.selectors import household_statement, statement_verification
from minzheng.statements.services import statement_document_issue
from minzheng.statements.services.verification import VERIFICATIONS_PER_WINDOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(home, township_worker):
    statement = household_statement(household_id=home.pk)
    return statement_document_issue(actor=township_worker, statement=statement)


def verify(token: str, client: Client | None = None):
    return (client or Client()).get(reverse("statements:verify", args=[token]))


def test_a_genuine_unchanged_statement(document, head):
    response = verify(document.token)

    page = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert "该清单由本平台签发，真实有效。" in page
    assert "2026-11-20 10:00" in page
    assert "张*英" in page
    assert "T00*****242" in page
    assert "<dt>事项数</dt><dd>5</dd>" in page
    assert "¥10,504.50" in page
    assert "签发至今，该户的幸福清单没有变化。" in page
    assert "已有变化" not in page
    # Nothing else about the family: no full name, number, ID, phone, address or items.
    for secret in ("张秀英", "王建国", "T0000004242", head.id_number, head.phone, "新华路"):
        assert secret not in page
    assert "最低生活保障" not in page


def test_a_statement_whose_household_changed_since_says_so(document, home, frozen):
    frozen.shift(dt.timedelta(days=3))
    PaymentSchedule.objects.filter(household=home, item__code="dibao").update(
        monthly_amount=Decimal("600.00")
    )

    page = verify(document.token).content.decode()

    assert "该清单由本平台签发，真实有效。" in page
    assert "该户的幸福清单在签发后已有变化，请以最新清单为准。" in page
    assert "¥10,504.50" in page  # what the document said, not today's total


def test_payments_made_since_do_not_count_as_a_change(document, home):
    schedule = PaymentSchedule.objects.get(household=home, item__code="dibao")
    PaymentLineFactory(schedule=schedule, month=dt.date(2026, 11, 1))  # November re-issued

    assert statement_verification(token=document.token).has_changed is False


@pytest.mark.parametrize(
    ("token", "_case"),
    [("x" * 22, "unknown token"), ("x" * 65, "overlong token"), ("%E5%BC%A0", "not a token")],
)
def test_an_unknown_token_is_a_plain_404_without_personal_data(document, token, _case):
    response = verify(token)

    page = response.content.decode()
    assert response.status_code == 404
    assert "未找到该清单" in page
    for revealing in ("张", "T00", "¥", "真实有效"):
        assert revealing not in page


def test_verifying_writes_nothing(document):
    before = AuditEvent.objects.count()

    verify(document.token)
    verify("unknown-token-000000000")

    assert AuditEvent.objects.count() == before


def test_verification_is_rate_limited_per_address(document):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(VERIFICATIONS_PER_WINDOW - 1):
        verify("unknown-token-000000000", client)
    assert verify(document.token, client).status_code == 200

    refused = verify(document.token, client)

    assert refused.status_code == 429
    assert "查询过于频繁" in refused.content.decode()
    assert "真实有效" not in refused.content.decode()
    assert verify(document.token, Client(REMOTE_ADDR="203.0.113.10")).status_code == 200
