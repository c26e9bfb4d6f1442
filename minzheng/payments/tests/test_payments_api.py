"""The payments API: batches, lines and failures scoped and masked; the bank return by upload."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from minzheng.accounts.enums import Role
from minzheng.accounts.tests.helpers import token_client
from minzheng.core.models import AuditEvent
from minzheng.payments.enums import BatchStatus, LineStatus
from minzheng.payments.services.bank_files import batch_export
from minzheng.payments.services.batches import batch_prepare
from minzheng.payments.tests.conftest import DANGHU, JANUARY
from minzheng.payments.tests.helpers import approved_batch, bank_return, nothing_written

pytestmark = pytest.mark.django_db

API = "/api/v1/payments"
ZHAPU = 330482101000


def test_a_batch_of_another_township_is_not_found_and_not_listed(roll, preparer, make_staff):
    batch = batch_prepare(actor=preparer, month=JANUARY, division_code=DANGHU).batch
    zhapu = token_client(make_staff(Role.COUNTY_CASEWORKER, ZHAPU), "payments:read")
    with nothing_written():
        foreign = zhapu.get(f"{API}/batches/{batch.pk}")
    assert foreign.status_code == 404
    assert zhapu.get(f"{API}/batches").json()["results"] == []


def test_lines_show_masked_accounts_and_never_the_holders_id(roll, preparer):
    batch = batch_prepare(actor=preparer, month=JANUARY).batch
    client = token_client(preparer, "payments:read")
    response = client.get(f"{API}/batches/{batch.pk}")
    body = response.json()
    text = response.content.decode()
    assert body["batch"]["number"] == batch.number
    assert len(body["lines"]) == 3
    for line in batch.lines.all():
        assert line.account_number not in text
        assert line.holder_id_number not in text
    assert {row["account_masked"] for row in body["lines"]} == {
        line.account_masked for line in batch.lines.all()
    }
    read = AuditEvent.objects.get(target_type="payments.batch", action="view")
    assert read.changes == {"page": 1, "results": 3}


def test_batches_and_failures_are_paged_and_bounded(roll, preparer):
    batch_prepare(actor=preparer, month=JANUARY)
    client = token_client(preparer, "payments:read")
    listed = client.get(f"{API}/batches", {"month": "2027-01-15"}).json()
    assert (listed["page"], listed["has_next"], len(listed["results"])) == (1, False, 1)
    assert client.get(f"{API}/batches", {"page": 2}).json()["results"] == []
    assert client.get(f"{API}/failures").json() == {"page": 1, "has_next": False, "results": []}
    for params, field in (({"page": 0}, "page"), ({"month": "2027-13"}, "month")):
        refused = client.get(f"{API}/batches", params)
        assert refused.status_code == 422
        assert list(refused.json()["fields"]) == [field]
    bad_change = client.get(f"{API}/batches/{listed['results'][0]['id']}", {"change": "x"})
    assert bad_change.json()["fields"] == {"change": "取值不在允许范围内。"}


def test_a_read_token_cannot_upload_a_return_and_nothing_changes(roll, preparer, checker, approver):
    batch = approved_batch(preparer, checker, approver)
    batch_export(actor=preparer, batch_id=batch.pk, layout_code="csv_utf8")
    client = token_client(preparer, "payments:read")
    upload = SimpleUploadedFile("return.csv", bank_return(batch))
    with nothing_written():
        response = client.post(f"{API}/batches/{batch.pk}/reconciliation", {"file": upload})
    assert response.status_code == 403
    assert "payments:write" in response.json()["detail"]


def test_the_bank_return_reconciles_the_batch_and_lists_failures(roll, preparer, checker, approver):
    batch = approved_batch(preparer, checker, approver)
    batch_export(actor=preparer, batch_id=batch.pk, layout_code="csv_utf8")
    seq = batch.lines.get(holder_name="李桂兰").sequence
    client = token_client(preparer, "payments:read", "payments:write")
    upload = SimpleUploadedFile("return.csv", bank_return(batch, failures={seq: "账户已销户"}))

    response = client.post(f"{API}/batches/{batch.pk}/reconciliation", {"file": upload})

    assert response.status_code == 200
    body = response.json()
    assert (body["paid"], body["failed"], body["batch"]["status"]) == (
        2,
        1,
        BatchStatus.RECONCILED,
    )
    failures = client.get(f"{API}/failures").json()["results"]
    assert [(f["sequence"], f["status"]) for f in failures] == [(seq, LineStatus.FAILED)]


def test_a_return_that_does_not_match_is_refused_naming_the_rows(roll, preparer, checker, approver):
    batch = approved_batch(preparer, checker, approver)
    batch_export(actor=preparer, batch_id=batch.pk, layout_code="csv_utf8")
    client = token_client(preparer, "payments:write")
    content = bank_return(batch, tamper=lambda rows: rows[:-1])
    with nothing_written():
        response = client.post(
            f"{API}/batches/{batch.pk}/reconciliation",
            {"file": SimpleUploadedFile("return.csv", content)},
        )
        missing = client.post(f"{API}/batches/{batch.pk}/reconciliation", {})
    assert response.status_code == 400
    assert "回盘文件缺少本批次第" in str(response.json())
    assert missing.status_code == 400
    assert missing.json()["fields"] == {"file": "请选择银行回盘文件(不超过 20 MB)。"}
