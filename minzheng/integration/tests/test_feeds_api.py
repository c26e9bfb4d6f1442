"""The feeds API: upload, map, follow and merge a department's file as the pages do."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from minzheng.accounts.enums import Role
from minzheng.accounts.tests.helpers import token_client
from minzheng.core.models import AuditEvent
from minzheng.integration.enums import ImportStatus
from minzheng.integration.models import FeedImport, SourceRecord
from minzheng.integration.tests.test_import_pages import _feed, resident  # noqa: F401

pytestmark = pytest.mark.django_db

API = "/api/v1/integration/feeds"
COLUMNS = {
    "record_id": "编号",
    "name": "姓名",
    "id_number": "身份证",
    "category": "残疾类别",
    "grade": "残疾等级",
}


def _upload(client, data, **form):
    values = {"department": "disability", "as_of": "2026-09-30"} | form
    return client.post(API, {**values, "file": SimpleUploadedFile("canlian.csv", data)})


def _written():
    return FeedImport.objects.count(), SourceRecord.objects.count(), AuditEvent.objects.count()


def test_upload_map_and_merge_over_the_api(
    caseworker,
    resident,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    client = token_client(caseworker, "feeds:read", "feeds:write")
    created = _upload(client, _feed(resident))
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == ImportStatus.UPLOADED
    assert body["header"] == ["编号", "姓名", "身份证", "残疾类别", "残疾等级"]
    assert body["suggested_columns"]["name"] == "姓名"
    url = f"{API}/{body['id']}"

    with django_capture_on_commit_callbacks(execute=True):
        mapped = client.post(
            f"{url}/columns", json.dumps({"columns": COLUMNS}), content_type="application/json"
        )
    assert mapped.status_code == 200
    linked = client.get(url).json()
    assert (linked["status"], linked["row_count"], linked["invalid_count"]) == ("linked", 2, 1)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{url}/merge")
    assert client.get(url).json()["status"] == ImportStatus.MERGED
    assert SourceRecord.objects.get().person == resident
    listed = client.get(API).json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]


def test_a_read_token_uploads_nothing(caseworker, resident):  # noqa: F811
    client = token_client(caseworker, "feeds:read")
    before = _written()
    response = _upload(client, _feed(resident))
    assert response.status_code == 403
    assert "feeds:write" in response.json()["detail"]
    assert _written() == before


@pytest.mark.parametrize(
    ("form", "fields"),
    [
        ({"department": "nowhere"}, {"department": "取值不在允许范围内。"}),
        ({"as_of": "2026-02-30"}, {"as_of": "日期格式应为 YYYY-MM-DD。"}),
        ({"as_of": "2099-01-01"}, {"as_of": "数据截止日期不能晚于今天。"}),
    ],
)
def test_bad_uploads_are_refused_naming_the_field(caseworker, resident, form, fields):  # noqa: F811
    client = token_client(caseworker, "feeds:write")
    before = _written()
    response = _upload(client, _feed(resident), **form)
    assert response.status_code in {400, 422}
    assert response.json()["fields"] == fields
    assert _written() == before


def test_bad_columns_are_refused_and_the_import_stays_as_it_was(caseworker, resident):  # noqa: F811
    client = token_client(caseworker, "feeds:write", "feeds:read")
    url = f"{API}/{_upload(client, _feed(resident)).json()['id']}"
    before = _written()
    response = client.post(
        f"{url}/columns",
        json.dumps({"columns": {"grade": "没有这一列"}}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "grade" in response.json()["fields"]
    assert client.get(url).json()["status"] == ImportStatus.UPLOADED
    assert _written() == before
    early = client.post(f"{url}/merge")
    assert (early.status_code, early.json()["code"]) == (400, "conflict")
    assert early.json()["detail"] == "只有已完成匹配的导入才能入库。"
    not_stalled = client.post(f"{url}/retry")
    assert (not_stalled.status_code, not_stalled.json()["code"]) == (400, "conflict")
    assert client.get(url).json()["stalled"] is False


def test_another_countys_staff_and_staff_without_imports_find_nothing(
    caseworker,
    make_staff,
    resident,  # noqa: F811
):
    url = f"{API}/{_upload(token_client(caseworker, 'feeds:write'), _feed(resident)).json()['id']}"
    zhapu = token_client(make_staff(Role.COUNTY_CASEWORKER, 330482101000), "feeds:read")
    assert zhapu.get(url).status_code == 404
    assert zhapu.get(API).json()["results"] == []
