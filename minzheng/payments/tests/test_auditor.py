"""The auditor reads batches, failures, funds and a household's ledger, and changes nothing."""

import io
import uuid

import pytest
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.cases.tests.helpers import nothing_written as no_case_written
from minzheng.payments.models import BankAccount, PaymentBatch, PaymentLine, Recovery
from minzheng.payments.services.batches import batch_prepare
from minzheng.payments.tests.conftest import JANUARY, ZHAPU_VILLAGE

pytestmark = pytest.mark.django_db
PAYMENT_TABLES = (PaymentBatch, PaymentLine, BankAccount, Recovery)


@pytest.fixture
def auditor(make_staff):
    return make_staff(Role.AUDITOR)


@pytest.fixture
def batch(roll, preparer):
    return batch_prepare(actor=preparer, month=JANUARY).batch


def _counts():
    return {model.__name__: model.objects.count() for model in PAYMENT_TABLES} | {
        "statuses": sorted(PaymentBatch.objects.values_list("status", flat=True))
    }


def test_the_auditor_reads_every_payment_page_without_a_form(batch, roll, auditor, client_for):
    client = client_for(auditor)
    home = roll[0].household
    pages = {
        "list": reverse("payments:batch_list"),
        "detail": reverse("payments:batch_detail", args=[batch.pk]),
        "failures": reverse("payments:failures"),
        "funds": reverse("payments:funds"),
        "household": reverse("payments:household", args=[home.pk]),
    }

    texts = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        texts[name] = response.content.decode()

    assert batch.number in texts["list"]
    assert "525.00" in texts["detail"]
    assert home.number in texts["household"]
    forms = ("制单</button>", "从在册名册导入收款账户", "复核通过", "下载银行文件", "对账</button>")
    forms += ("录入账户</button>", "变更账户</button>", "登记</button>")
    for name, text in texts.items():
        assert not [form for form in forms if form in text], name
    assert client.get(reverse("payments:funds_export") + "?year=2027").status_code == 200


def test_a_batch_outside_the_auditors_jurisdiction_is_not_found(batch, make_staff, client_for):
    zhapu_auditor = make_staff(Role.AUDITOR, ZHAPU_VILLAGE)
    response = client_for(zhapu_auditor).get(reverse("payments:batch_detail", args=[batch.pk]))
    assert response.status_code == 404


def test_every_payment_write_refuses_the_auditor_with_nothing_written(
    batch, roll, auditor, client_for
):
    client = client_for(auditor)
    home = roll[0].household
    posts = [
        (reverse("payments:batch_list"), {"month": "2027-01"}),
        (reverse("payments:batch_check", args=[batch.pk]), {"agree": "on", "note": "核对无误"}),
        (reverse("payments:batch_approve", args=[batch.pk]), {"agree": "on", "note": "同意"}),
        (reverse("payments:batch_export", args=[batch.pk]), {"bank": "fixed_gbk"}),
        (
            reverse("payments:batch_reconcile", args=[batch.pk]),
            {"file": io.BytesIO(b"x"), "bank": "fixed_gbk"},
        ),
        (reverse("payments:accounts_from_roll"), {}),
        (reverse("payments:account", args=[home.pk]), {"number": "6222020000000000000"}),
        (reverse("payments:settings"), {"name": "x"}),
    ]
    settle = reverse("payments:recovery_settle", args=[home.pk, uuid.uuid4()])
    posts.append((settle, {"status": "waived", "note": "核销"}))
    before = _counts()

    with no_case_written():
        statuses = [client.post(url, data).status_code for url, data in posts]

    assert all(status in (403, 404) for status in statuses), statuses
    assert _counts() == before
