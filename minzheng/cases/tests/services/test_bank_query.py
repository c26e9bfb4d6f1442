"""The 核对 request to the banks, and their answers back through the feed import."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from minzheng.accounts.enums import Role
from minzheng.cases.enums import StepKind
from minzheng.cases.services.bank_query import bank_query_export
from minzheng.cases.tests.factories import application_at, poor_home
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError, PermissionDenied
from minzheng.core.models import AuditEvent
from minzheng.integration.enums import Department, ImportStatus
from minzheng.integration.services.feed_imports import (
    column_mapping_suggest,
    feed_import_columns_set,
    feed_import_upload,
)
from minzheng.integration.services.feed_prepare import feed_import_prepare
from minzheng.registry.enums import Relation
from minzheng.registry.tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_query_lists_the_authorised_members_and_is_audited(county_worker):
    home = poor_home()
    MembershipFactory(household=home, relation=Relation.CHILD, person__name="李强")
    application = application_at(StepKind.CHECK, household=home)
    application_at(StepKind.CHECK, has_consent=False)  # no 授权: not queried

    query = bank_query_export(actor=county_worker)

    rows = _rows(query.data)
    assert [row["姓名"] for row in rows] == ["张秀英", "李强"]
    assert {row["申请编号"] for row in rows} == {application.number}
    assert {row["查询批次号"] for row in rows} == {"HD20261120-0001"}
    assert rows[0]["授权书编号"] == application.consent_document
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, target_type="bank_query")
    assert event.changes == {"persons": 2, "households": 1, "sha256": query.sha256}
    assert "张秀英" not in str(event.changes)


def test_without_authorised_applications_or_the_right_nothing_is_written(county_worker, make_staff):
    with pytest.raises(ApplicationError) as refused:
        bank_query_export(actor=county_worker)
    assert refused.value.message == "辖区内没有已授权核对的在办申请，无需向银行查询。"
    application_at(StepKind.CHECK)
    with pytest.raises(PermissionDenied):
        bank_query_export(actor=make_staff(Role.VILLAGE_WORKER, 330482001034))
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_the_command_writes_the_file(county_worker, tmp_path):
    application_at(StepKind.CHECK)
    out = tmp_path / "query.csv"

    call_command("bank_query", "--out", str(out), "--user", county_worker.username)

    assert [row["姓名"] for row in _rows(out.read_bytes())] == ["张秀英"]
    with pytest.raises(CommandError, match="账号不存在或已停用"):
        call_command("bank_query", "--out", str(out), "--user", "nobody")


BANK_ANSWER = (
    "记录编号,查询批次号,姓名,身份证号,银行,存款余额,理财产品余额\n"
    'HD1-01,HD20261120-0001,张秀英,{id},湖州银行,"1,200.50",0\n'
    "HD1-02,HD20261120-0001,张秀英,{id},中国农业银行,很多,0\n"
    "HD1-03,HD20261120-0001,张秀英,{id},中国邮政储蓄银行,-5,0\n"
    ",HD20261120-0001,张秀英,{id},浙江农商银行,0,0\n"
)


def test_the_banks_answers_import_as_a_feed_with_chinese_row_errors(county_worker):
    application = application_at(StepKind.CHECK)
    person = application.household.memberships.get().person
    data = BANK_ANSWER.format(id=person.id_number).encode()

    feed_import = feed_import_upload(
        actor=county_worker,
        department=Department.BANKS,
        as_of=application.as_of,
        file_name="answers.csv",
        data=data,
    )
    columns = column_mapping_suggest(department=Department.BANKS, header=feed_import.header)
    assert columns["deposit_balance"] == "存款余额"  # the Chinese header is recognised
    feed_import_columns_set(
        actor=county_worker, feed_import=feed_import, columns=columns, run=False
    )
    feed_import = feed_import_prepare(feed_import_id=feed_import.id)

    assert feed_import.status == ImportStatus.LINKED
    assert (feed_import.row_count, feed_import.invalid_count) == (4, 3)
    errors = {
        record.row_number: [e["message"] for e in record.errors]
        for record in feed_import.records.exclude(errors=[])
    }
    assert errors == {
        3: ["存款余额“很多”不是有效的数字。"],
        4: ["存款余额不能为负数。"],
        5: ["缺少记录编号。"],
    }


def test_the_import_page_downloads_the_query_by_post_or_says_why_not(county_worker, client_for):
    client = client_for(county_worker)
    refused = client.post("/cases/bank-query/")
    assert refused.status_code == 400
    assert "辖区内没有已授权核对的在办申请" in refused.content.decode()
    application_at(StepKind.CHECK)

    response = client.post("/cases/bank-query/")

    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == 'attachment; filename="bank-query-HD20261120-0001.csv"'
    )
    assert [row["姓名"] for row in _rows(response.content)] == ["张秀英"]
    assert client.get("/cases/bank-query/").status_code == 405
