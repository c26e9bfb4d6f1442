"""The roll on the feed's import page: its columns mapped from the Chinese headers, accounts
masked in the preview, and 入库 bringing the recipients in."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from minzheng.cases.models import CaseloadEntry
from minzheng.cases.tests.caseload.conftest import roll, roll_row
from minzheng.integration.models import FeedImport
from minzheng.integration.services.feed_imports import column_mapping_suggest


@pytest.fixture
def uploaded(client_for, caseworker, recipients):
    client = client_for(caseworker)
    data = roll(roll_row("ZC001", recipients["agreed"], "低保", "145"))
    client.post(
        reverse("integration:import_list"),
        {
            "department": "caseload",
            "as_of": "2026-10-31",
            "file": SimpleUploadedFile("zaice.csv", data),
        },
    )
    return client, FeedImport.objects.get(department="caseload")


def test_the_roll_headers_map_themselves_and_the_preview_masks_accounts(uploaded):
    client, feed_import = uploaded
    columns = column_mapping_suggest(department="caseload", header=feed_import.header)
    assert columns["monthly_amount"] == "保障金额"
    assert columns["account_number"] == "银行账号"

    preview = client.post(
        reverse("integration:import_preview", args=[feed_import.id]),
        {f"column_{field}": header for field, header in columns.items()},
        HTTP_HX_REQUEST="true",
    ).content.decode()

    assert "ZC001" in preview
    assert "6230910012345678" not in preview
    assert "银行账号：623091******5678" in preview
    assert "救助类别：低保" in preview  # items by their Chinese names, not keys


def test_merging_on_the_page_brings_the_recipients_in(uploaded, django_capture_on_commit_callbacks):
    client, feed_import = uploaded
    columns = column_mapping_suggest(department="caseload", header=feed_import.header)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("integration:import_columns", args=[feed_import.id]),
            {f"column_{field}": header for field, header in columns.items()},
        )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("integration:import_merge", args=[feed_import.id]))

    assert list(CaseloadEntry.objects.values_list("record_id", flat=True)) == ["ZC001"]
