"""A department feed from upload to merge: checks, linkage, idempotence and atomicity."""

import datetime as dt
import io

import pytest
from django.core.files.storage import default_storage
from openpyxl import Workbook

from minzheng.accounts.system import system_user
from minzheng.core.exceptions import ApplicationError
from minzheng.core.models import AuditEvent
from minzheng.integration.enums import ImportStatus, MatchStatus
from minzheng.integration.models import (
    ColumnMapping,
    DataItem,
    FeedImport,
    LinkReview,
    SourceRecord,
    StagedRecord,
)
from minzheng.integration.services import feed_merge, feed_staging
from minzheng.integration.services.feed_imports import (
    column_mapping_suggest,
    feed_import_columns_set,
    feed_import_upload,
)
from minzheng.integration.services.feed_merge import feed_import_merge, feed_import_merge_start
from minzheng.integration.services.feed_prepare import feed_import_prepare
from minzheng.registry.enums import IdType
from minzheng.registry.tests.factories import MembershipFactory, PersonFactory, resident_id
from minzheng.registry.validation import check_identifier

AS_OF = dt.date(2026, 9, 30)
HEADER = (
    "record_id,name,id_number,gender,birth_date,phone,"
    "employment_status,pension_type,monthly_pension"
)


@pytest.fixture
def residents(db):
    """Four residents of 松枫社区, written out by hand as 人社 would know them."""
    people = {}
    for key, name, born, male in (
        ("zhang", "张建国", dt.date(1958, 4, 12), True),
        ("wang", "王秀英", dt.date(1961, 11, 3), False),
        ("zeng", "曾国平", dt.date(1972, 6, 30), True),
        ("liu", "刘洋", dt.date(1990, 1, 15), True),
    ):
        person = PersonFactory(
            name=name,
            birth_date=born,
            gender="male" if male else "female",
            id_number=resident_id(born, male=male),
        )
        MembershipFactory(person=person)
        people[key] = person
    return people


def _social_security_csv(people, *, pension: str = "3350.50") -> bytes:
    zhang, wang, zeng, liu = people["zhang"], people["wang"], people["zeng"], people["liu"]
    typo = zeng.id_number[:10] + str((int(zeng.id_number[10]) + 1) % 10) + zeng.id_number[11:]
    lines = [
        HEADER,
        # Traditional characters, and the ID written with a space.
        f"RS001,張建國,{zhang.id_number[:6]} {zhang.id_number[6:]},男,1958-04-12,{zhang.phone},"
        f"退休,职工养老保险,{pension}",
        # A first-generation 15-digit ID number and a date with slashes.
        f"RS002,王秀英,{wang.id_number[:6]}{wang.id_number[8:17]},女,1961/11/03,,"
        "退休,城乡居民养老保险,300",
        # One digit of the ID mistyped: refused as the registry's form refuses it.
        f"RS003,曾国平,{typo},男,1972-06-30,{zeng.phone},在职,,",
        # Not a number where a pension should be: the row is kept out.
        f"RS004,刘洋,{liu.id_number},男,1990-01-15,,在职,职工养老保险,三千",
        # Somebody the registry does not know.
        "RS005,赵无名,,男,1985-05-05,13900000000,失业,,",
    ]
    return ("\n".join(lines) + "\n").encode()


def _import(data: bytes, *, file_name: str = "renshe.csv", actor=None, columns=None) -> FeedImport:
    actor = actor or system_user()
    feed_import = feed_import_upload(
        actor=actor, department="social_security", as_of=AS_OF, file_name=file_name, data=data
    )
    mapping = columns or column_mapping_suggest(
        department="social_security", header=feed_import.header
    )
    feed_import_columns_set(actor=actor, feed_import=feed_import, columns=mapping, run=False)
    return feed_import_prepare(feed_import_id=feed_import.id)


def _merge(feed_import: FeedImport):
    feed_import_merge_start(actor=system_user(), feed_import=feed_import, run=False)
    return feed_import_merge(feed_import_id=feed_import.id)


def test_rows_are_checked_linked_and_merged(residents, django_capture_on_commit_callbacks):
    feed_import = _import(_social_security_csv(residents))
    stored = feed_import.stored_file
    assert default_storage.exists(stored)

    assert feed_import.status == ImportStatus.LINKED
    assert feed_import.row_count == 5
    assert feed_import.invalid_count == 2
    staged = {r.record_id: r for r in StagedRecord.objects.filter(feed_import=feed_import)}
    assert staged["RS001"].person == residents["zhang"]
    assert staged["RS001"].id_number == residents["zhang"].id_number  # spaces removed
    assert staged["RS002"].id_number == residents["wang"].id_number  # 15 → 18 digits
    assert staged["RS002"].birth_date == dt.date(1961, 11, 3)
    assert staged["RS004"].match_status == MatchStatus.INVALID
    assert "月养老金“三千”不是有效的数字。" in [e["message"] for e in staged["RS004"].errors]
    assert staged["RS005"].match_status == MatchStatus.UNMATCHED
    # The mistyped ID makes the row one to correct, with the registry form's reason.
    assert staged["RS003"].match_status == MatchStatus.INVALID
    refused: dict[str, str] = {}
    check_identifier(IdType.RESIDENT_ID, staged["RS003"].id_number, refused)  # the form's check
    assert staged["RS003"].errors == [
        {"field": "id_number", "message": refused["id_number"], "blocking": True}
    ]

    with django_capture_on_commit_callbacks(execute=True):
        counts = _merge(feed_import)

    assert not default_storage.exists(stored)  # the uploaded copy is not kept after merging
    matched = StagedRecord.objects.filter(feed_import=feed_import, match_status="matched")
    assert counts.created == matched.count() >= 2
    record = SourceRecord.objects.get(record_id="RS001")
    assert record.person == residents["zhang"]
    assert record.as_of == AS_OF
    items = {i.key: i for i in DataItem.objects.filter(source_record=record)}
    assert items["employment_status"].text == "退休"
    assert str(items["monthly_pension"].number) == "3350.50"
    assert FeedImport.objects.get(id=feed_import.id).status == ImportStatus.MERGED


def test_the_same_file_twice_changes_nothing(residents):
    data = _social_security_csv(residents)
    first = _import(data)
    _merge(first)
    before = sorted(SourceRecord.objects.values_list("id", "record_id", "digest", "updated_at"))
    items_before = sorted(DataItem.objects.values_list("id", "key", "text", "number"))

    second = _import(data)
    counts = _merge(second)

    assert (counts.created, counts.changed) == (0, 0)
    assert counts.unchanged == len(before)
    assert (
        sorted(SourceRecord.objects.values_list("id", "record_id", "digest", "updated_at"))
        == before
    )
    assert sorted(DataItem.objects.values_list("id", "key", "text", "number")) == items_before


def test_a_changed_value_for_the_same_date_replaces_the_old_one(residents):
    _merge(_import(_social_security_csv(residents)))
    counts = _merge(_import(_social_security_csv(residents, pension="3400.00")))

    assert counts.changed == 1
    pension = DataItem.objects.get(source_record__record_id="RS001", key="monthly_pension")
    assert str(pension.number) == "3400.00"
    assert SourceRecord.objects.filter(record_id="RS001").count() == 1


def test_a_failure_while_merging_leaves_the_registry_as_it_was(residents, monkeypatch):
    feed_import = _import(_social_security_csv(residents))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    # Source records are written before their items: fail in between.
    monkeypatch.setattr(feed_merge, "_items_insert", broken)
    feed_import_merge_start(actor=system_user(), feed_import=feed_import, run=False)
    with pytest.raises(RuntimeError):
        feed_import_merge(feed_import_id=feed_import.id)

    assert SourceRecord.objects.count() == 0
    assert DataItem.objects.count() == 0
    feed_import.refresh_from_db()
    assert feed_import.status == ImportStatus.LINKED  # staged rows intact: merge can be retried
    assert "入库失败" in feed_import.failure


def test_a_failure_while_staging_stages_nothing(residents, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("connection lost")

    monkeypatch.setattr(feed_staging, "_reviews_open", broken)
    with pytest.raises(RuntimeError):
        _import(_social_security_csv(residents))

    feed_import = FeedImport.objects.get()
    assert feed_import.status == ImportStatus.FAILED
    assert feed_import.failure
    assert StagedRecord.objects.count() == 0
    assert LinkReview.objects.count() == 0


def test_gbk_csv_and_chinese_headers_with_a_saved_mapping(residents):
    zhang = residents["zhang"]
    text = f"编号,姓名,公民身份号码,就业状态\nA1,张建国,{zhang.id_number},退休\n"
    columns = {
        "record_id": "编号",
        "name": "姓名",
        "id_number": "公民身份号码",
        "employment_status": "就业状态",
    }
    feed_import = _import(text.encode("gbk"), columns=columns)
    assert StagedRecord.objects.get(feed_import=feed_import).person == zhang

    # The department's mapping is remembered for its next file with the same headings.
    assert (
        ColumnMapping.objects.get(department="social_security").columns["id_number"]
        == "公民身份号码"
    )
    suggested = column_mapping_suggest(
        department="social_security", header=["编号", "姓名", "公民身份号码", "就业状态"]
    )
    assert suggested == columns


def test_xlsx_with_an_id_number_excel_has_rounded(residents):
    zhang = residents["zhang"]
    book = Workbook()
    sheet = book.active
    sheet.append(["record_id", "name", "id_number", "birth_date", "employment_status"])
    born = dt.datetime(1958, 4, 12)  # noqa: DTZ001 - Excel cells have no time zone
    sheet.append(["X1", "张建国", int(zhang.id_number[:17] + "0"), born, "退休"])
    sheet.append(["X2", "王秀英", residents["wang"].id_number, "1961-11-03", "退休"])
    buffer = io.BytesIO()
    book.save(buffer)

    feed_import = _import(buffer.getvalue(), file_name="renshe.xlsx")

    staged = {r.record_id: r for r in StagedRecord.objects.filter(feed_import=feed_import)}
    assert staged["X1"].id_number == ""
    assert "Excel" in staged["X1"].errors[0]["message"]
    assert staged["X1"].birth_date == dt.date(1958, 4, 12)
    assert staged["X2"].person == residents["wang"]


@pytest.mark.parametrize(
    ("data", "file_name", "message"),
    [
        (b"", "a.csv", "文件是空的。"),
        (b"\xff\xfe\x00garbage\x81", "a.csv", "无法识别文件编码"),
        (b"name,name\n", "a.csv", "出现了两次"),
        (b"PK\x03\x04not really a workbook", "a.xlsx", "无法读取 Excel 文件"),
        (b"whatever", "a.xls", "不支持旧版 Excel"),
    ],
)
def test_unreadable_files_are_refused_in_chinese(db, data, file_name, message):
    with pytest.raises(ApplicationError) as caught:
        feed_import_upload(
            actor=system_user(), department="police", as_of=AS_OF, file_name=file_name, data=data
        )
    assert message in str(caught.value.message)
    assert FeedImport.objects.count() == 0


def test_a_mapping_without_a_record_number_is_refused(residents):
    feed_import = feed_import_upload(
        actor=system_user(),
        department="social_security",
        as_of=AS_OF,
        file_name="a.csv",
        data=_social_security_csv(residents),
    )
    with pytest.raises(ApplicationError) as caught:
        feed_import_columns_set(
            actor=system_user(), feed_import=feed_import, columns={"name": "name"}, run=False
        )
    assert "record_id" in caught.value.fields
    with pytest.raises(ApplicationError) as caught:
        feed_import_columns_set(
            actor=system_user(),
            feed_import=feed_import,
            columns={"record_id": "record_id", "name": "姓名"},
            run=False,
        )
    assert caught.value.fields["name"] == "文件中没有“姓名”列。"


def test_an_as_of_date_in_the_future_is_refused(db):
    with pytest.raises(ApplicationError) as caught:
        feed_import_upload(
            actor=system_user(),
            department="police",
            as_of=dt.date.today() + dt.timedelta(days=1),  # noqa: DTZ011
            file_name="a.csv",
            data=b"record_id\n1\n",
        )
    assert "as_of" in caught.value.fields


def test_staging_and_merging_are_audited_without_personal_data(residents):
    feed_import = _import(_social_security_csv(residents))
    _merge(feed_import)
    events = AuditEvent.objects.filter(target_type="feed_import", target_id=str(feed_import.id))
    assert events.count() >= 3
    dump = repr(list(events.values_list("changes", flat=True)))
    for person in residents.values():
        assert person.name not in dump
        assert person.id_number not in dump
