"""The 资金发放 pages as the three people and a bank clerk use them."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.payments.enums import BatchStatus
from minzheng.payments.models import PaymentBatch
from minzheng.payments.services.bank_files import batch_export
from minzheng.payments.tests.conftest import DANGHU
from minzheng.payments.tests.factories import PaymentLineFactory
from minzheng.payments.tests.helpers import approved_batch, bank_return

pytestmark = pytest.mark.django_db


def test_a_batch_walks_through_its_pages(roll, preparer, checker, approver, client_for):
    clerk = client_for(preparer)
    page = clerk.get(reverse("payments:batch_list")).content.decode()
    assert "制单" in page
    assert "尚无发放批次" in page

    response = clerk.post(reverse("payments:batch_list"), {"month": "2027-01", "township": ""})
    assert response.status_code == 302
    batch = PaymentBatch.objects.get()
    page = clerk.get(response["Location"]).content.decode()
    assert "FF202701-01" in page
    assert "1670.00" in page
    assert "新增 (3)" in page
    assert "待另一名经办人复核" in page
    assert "6217 ****" in page  # accounts masked
    assert batch.lines.first().account_number not in page

    # The preparer may not check their own batch.
    refused = clerk.post(
        reverse("payments:batch_check", args=[batch.pk]), {"decision": "agree", "note": "x"}
    )
    assert refused.status_code == 403

    check = client_for(checker).post(
        reverse("payments:batch_check", args=[batch.pk]), {"decision": "agree", "note": "核对无误"}
    )
    assert check.status_code == 302
    approve = client_for(approver).post(
        reverse("payments:batch_approve", args=[batch.pk]), {"decision": "agree", "note": "同意"}
    )
    assert approve.status_code == 302

    download = clerk.post(reverse("payments:batch_export", args=[batch.pk]), {"bank": "fixed_gbk"})
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="FF202701-01-fixed_gbk.txt"'
    batch.refresh_from_db()
    assert download["X-Content-SHA256"] == batch.file_sha256

    upload = bank_return(batch, failures={1: "E101"})
    done = clerk.post(
        reverse("payments:batch_reconcile", args=[batch.pk]),
        {"file": SimpleUploadedFile("return.txt", upload)},
    )
    assert done.status_code == 302
    batch.refresh_from_db()
    assert batch.status == BatchStatus.RECONCILED
    failures = clerk.get(reverse("payments:failures")).content.decode()
    assert "账户已销户" in failures
    assert "修正账户" in failures


def test_a_bad_month_is_named_in_chinese(roll, preparer, client_for):
    response = client_for(preparer).post(reverse("payments:batch_list"), {"month": "2027-13"})
    assert response.status_code == 400
    assert "请选择发放月份" in response.content.decode()
    assert not PaymentBatch.objects.exists()


def test_a_mismatched_return_is_refused_on_the_page(roll, preparer, checker, approver, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    batch = approved_batch(preparer, checker, approver)
    batch_export(actor=preparer, batch_id=batch.pk, layout_code="csv_utf8")
    upload = bank_return(batch, tamper=lambda rows: rows[:1])
    response = client_for(preparer).post(
        reverse("payments:batch_reconcile", args=[batch.pk]),
        {"file": SimpleUploadedFile("return.csv", upload)},
    )
    assert response.status_code == 400
    assert "回盘文件与本批次不符，未做任何记录" in response.content.decode()


def test_the_household_ledger_and_account_form(roll, preparer, client_for):
    home = roll[0].household
    client = client_for(preparer)
    page = client.get(reverse("payments:household", args=[home.pk])).content.decode()
    assert "收款账户" in page
    assert "尚无发放记录" in page
    head = home.memberships.get().person
    response = client.post(
        reverse("payments:account", args=[home.pk]),
        {
            "person": str(head.pk),
            "kind": "huimin_card",
            "bank_name": "平湖农商银行",
            "number": "6230000011112222",
            "holder_name": "别人",
            "reason": "换卡",
        },
    )
    assert response.status_code == 400
    assert "户名与持卡人登记姓名不一致" in response.content.decode()


def test_funds_page_and_export(roll, preparer, client_for):
    client = client_for(preparer)
    assert "本年度尚无到账记录" in client.get(reverse("payments:funds")).content.decode()
    export = client.get(reverse("payments:funds_export") + "?year=2027")
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize(
    ("role", "division", "status"),
    [
        (Role.TOWNSHIP_WORKER, DANGHU, 403),
        (Role.VILLAGE_WORKER, 330482001034, 403),
    ],
)
def test_who_may_not_see_payments(roll, make_staff, client_for, role, division, status):
    client = client_for(make_staff(role, division))
    for name in ("payments:batch_list", "payments:failures", "payments:funds"):
        assert client.get(reverse(name)).status_code == status, name
    home = roll[0].household
    assert client.get(reverse("payments:household", args=[home.pk])).status_code in (403, 404)


def test_funds_count_what_the_bank_paid_per_township_and_month(roll, preparer, client_for):
    PaymentLineFactory(schedule=roll[0], month=dt.date(2027, 1, 1))
    PaymentLineFactory(schedule=roll[2], month=dt.date(2027, 1, 1))
    PaymentLineFactory(schedule=roll[1], month=dt.date(2027, 1, 1), status="failed")
    page = client_for(preparer).get(reverse("payments:funds") + "?year=2027").content.decode()
    assert 'data-label="2027-01" class="amount">525.00' in page
    assert 'data-label="2027-01" class="amount">300.00' in page
    assert "845.00" not in page  # returned by the bank: not paid
    assert "<strong>825.00</strong>" in page
