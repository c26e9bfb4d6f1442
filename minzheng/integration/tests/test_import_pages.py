"""The import pages: upload, map and preview, follow, merge; and who may use them."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from minzheng.accounts.enums import Role
from minzheng.core.models import AuditEvent
from minzheng.integration.enums import ImportStatus
from minzheng.integration.heartbeat import Beating
from minzheng.integration.models import FeedImport, SourceRecord
from minzheng.integration.services.feed_imports import column_mapping_suggest
from minzheng.registry.enums import IdType
from minzheng.registry.tests.factories import MembershipFactory, PersonFactory, resident_id
from minzheng.registry.validation import check_identifier

LIST = reverse("integration:import_list")


@pytest.fixture
def resident(db):
    person = PersonFactory(
        name="张建国", birth_date=dt.date(1958, 4, 12), id_number=resident_id(dt.date(1958, 4, 12))
    )
    MembershipFactory(person=person)
    return person


def _upload(
    client, data: bytes, *, department="disability", as_of="2026-09-30", name="canlian.csv"
):
    return client.post(
        LIST,
        {"department": department, "as_of": as_of, "file": SimpleUploadedFile(name, data)},
    )


def _feed(person) -> bytes:
    return (
        "编号,姓名,身份证,残疾类别,残疾等级\n"
        f"CL1,{person.name},{person.id_number},肢体,2\n"
        f"CL2,{person.name},{person.id_number},视力,五级\n"
    ).encode()


def test_upload_map_preview_stage_and_merge(
    client_for, caseworker, resident, django_capture_on_commit_callbacks
):
    client = client_for(caseworker)
    response = _upload(client, _feed(resident))
    assert response.status_code == 302
    feed_import = FeedImport.objects.get()
    detail = reverse("integration:import_detail", args=[feed_import.id])
    assert response["Location"] == detail

    page = client.get(detail).content.decode()
    assert "列对应关系" in page
    assert "身份证" in page

    columns = {
        "column_record_id": "编号",
        "column_name": "姓名",
        "column_id_number": "身份证",
        "column_category": "残疾类别",
        "column_grade": "残疾等级",
    }
    preview = client.post(
        reverse("integration:import_preview", args=[feed_import.id]),
        columns,
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "CL1" in preview
    assert resident.id_number not in preview  # masked
    assert resident.id_number[:6] + "********" in preview
    assert "“五级”不是有效的数字。" in preview
    assert AuditEvent.objects.filter(
        action="view", target_type="feed_import", target_id=str(feed_import.id)
    ).exists()

    with django_capture_on_commit_callbacks(execute=True):  # the task runs on commit
        response = client.post(
            reverse("integration:import_columns", args=[feed_import.id]), columns
        )
    assert response.status_code == 302
    feed_import.refresh_from_db()
    assert feed_import.status == ImportStatus.LINKED
    page = client.get(detail).content.decode()
    assert "<h2>有误行(不入库)</h2>" in page
    assert "CL2" in page
    assert "“五级”不是有效的数字。" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("integration:import_merge", args=[feed_import.id]))
    feed_import.refresh_from_db()
    assert feed_import.status == ImportStatus.MERGED
    assert SourceRecord.objects.get().person == resident
    assert "已入库" in client.get(LIST).content.decode()


def test_upload_errors_are_shown_in_chinese(client_for, caseworker, db):
    client = client_for(caseworker)
    response = client.post(LIST, {"department": "police", "as_of": "2026-09-30"})
    assert response.status_code == 400
    assert "请选择要上传的 CSV 或 XLSX 文件。" in response.content.decode()
    response = _upload(client, b"a,b\n1,2\n", as_of="not a date")
    assert "请填写数据截止日期" in response.content.decode()
    assert FeedImport.objects.count() == 0


def test_the_progress_fragment_polls_while_running(client_for, caseworker, resident, monkeypatch):
    client = client_for(caseworker)
    _upload(client, _feed(resident))
    feed_import = FeedImport.objects.get()
    FeedImport.objects.filter(id=feed_import.id).update(
        status=ImportStatus.PROCESSING, attempt=1, attempt_started_at=timezone.now()
    )
    with Beating(feed_import.id, 1) as beating:
        beating.report(45, "与户籍比对")
        fragment = client.get(
            reverse("integration:import_detail", args=[feed_import.id]), HTTP_HX_REQUEST="true"
        ).content.decode()
    assert 'hx-trigger="every 1s"' in fragment
    assert 'value="45"' in fragment
    assert "与户籍比对" in fragment
    assert "<html" not in fragment


@pytest.mark.parametrize(
    "role", [Role.TOWNSHIP_WORKER, Role.VILLAGE_WORKER, Role.HOTLINE_OPERATOR, Role.AUDITOR]
)
def test_only_county_staff_may_import(client_for, make_staff, role, resident):
    user = make_staff(role)
    response = _upload(client_for(user), _feed(resident))
    assert response.status_code == 403
    assert FeedImport.objects.count() == 0


def test_discarding_removes_the_staged_rows(client_for, caseworker, resident):
    client = client_for(caseworker)
    _upload(client, _feed(resident))
    feed_import = FeedImport.objects.get()
    client.post(reverse("integration:import_discard", args=[feed_import.id]))
    feed_import.refresh_from_db()
    assert feed_import.status == ImportStatus.DISCARDED
    assert AuditEvent.objects.filter(target_id=str(feed_import.id), action="update").exists()
    response = client.post(reverse("integration:import_merge", args=[feed_import.id]))
    assert response.status_code == 400
    assert "只有已完成匹配的导入才能入库。" in response.content.decode()


def test_anonymous_users_are_sent_to_login(client, db):
    response = client.get(LIST)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def _canlian_as_written(person) -> bytes:
    """The 残联's own headings, and one ID number with its last digit mistyped."""
    wrong = person.id_number[:-1] + ("0" if person.id_number[-1] != "0" else "1")
    return (
        "记录编号,姓名,身份证号码,户籍地址,残疾证号,残疾类别,残疾等级\n"
        f"CL1,{person.name},{person.id_number},当湖街道松枫社区,{person.id_number}41,肢体,2\n"
        f"CL2,{person.name},{wrong},当湖街道松枫社区,{wrong}41,肢体,2\n"
        "CL3,赵无名,,当湖街道松枫社区,,视力,1\n"
    ).encode()


def test_the_departments_headings_are_mapped_and_the_preview_reads_in_chinese(
    client_for, caseworker, resident
):
    client = client_for(caseworker)
    _upload(client, _canlian_as_written(resident))
    feed_import = FeedImport.objects.get()
    page = client.get(reverse("integration:import_detail", args=[feed_import.id])).content
    assert '<option value="身份证号码" selected>' in page.decode()
    assert '<option value="户籍地址" selected>' in page.decode()
    assert '<option value="残疾证号" selected>' in page.decode()

    columns = column_mapping_suggest(department="disability", header=feed_import.header)
    preview = client.post(
        reverse("integration:import_preview", args=[feed_import.id]),
        {f"column_{target}": heading for target, heading in columns.items()},
    ).content.decode()

    assert "残疾等级：2<" in preview
    assert "残疾类别：肢体" in preview
    assert "户籍地址" not in preview.split("<tbody>")[1]  # the label, not the heading
    assert "地址：当湖街道松枫社区" in preview
    assert "grade" not in preview
    assert "certificate_number" not in preview
    assert "2.00" not in preview
    assert resident.id_number not in preview  # the ID and the 残疾人证号 are masked


def test_invalid_id_numbers_are_rows_to_correct_and_every_count_lists_its_rows(
    client_for, caseworker, resident, django_capture_on_commit_callbacks
):
    client = client_for(caseworker)
    _upload(client, _canlian_as_written(resident))
    feed_import = FeedImport.objects.get()
    columns = column_mapping_suggest(department="disability", header=feed_import.header)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("integration:import_columns", args=[feed_import.id]),
            {f"column_{target}": heading for target, heading in columns.items()},
        )
    detail = reverse("integration:import_detail", args=[feed_import.id])
    page = client.get(detail).content.decode()

    wrong = resident.id_number[:-1] + ("0" if resident.id_number[-1] != "0" else "1")
    errors: dict[str, str] = {}
    check_identifier(IdType.RESIDENT_ID, wrong, errors)  # what the registry's form says
    assert '<dd data-testid="count-invalid"><a href="?rows=invalid#rows">1</a></dd>' in page
    assert '<dd data-testid="count-unmatched"><a href="?rows=unmatched#rows">1</a></dd>' in page
    invalid = page.split('data-testid="rows-invalid"')[1].split("</table>")[0]
    assert "CL2" in invalid
    assert errors["id_number"] in invalid
    for row_class, record in (("matched", "CL1"), ("unmatched", "CL3"), ("invalid", "CL2")):
        listed = client.get(detail, {"rows": row_class}).content.decode()
        rows = listed.split(f'data-testid="rows-{row_class}"')[1].split("</table>")[0]
        assert f">{record}<" in rows
        assert all(f">{other}<" not in rows for other in {"CL1", "CL2", "CL3"} - {record})
    for row_class in ("invalid", "matched", "review", "unmatched", "warned"):
        assert f'href="?rows={row_class}#rows"' in page
