import pytest

from minzheng.accounts.enums import Role
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError
from minzheng.core.models import AuditEvent
from minzheng.registry.models import Person
from minzheng.registry.services.imports import persons_import
from minzheng.registry.tests.factories import household_with_members, resident_id

pytestmark = pytest.mark.django_db
HEADER = "户号,姓名,证件类型,证件号,与户主关系,手机号\n"


def _csv(*rows: str, encoding: str = "utf-8") -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode(encoding)


def test_registers_every_row_in_gbk_as_excel_saves_it(caseworker):
    home = household_with_members(1)
    upload = _csv(
        f"{home.number},陈秀英,居民身份证,{resident_id(male=False)},配偶,17012340001",
        f"{home.number},陈小龙,,{resident_id()},子女,",
        encoding="gb18030",
    )

    summary = persons_import(actor=caseworker, upload=upload)

    assert summary.imported == 2
    assert set(home.memberships.values_list("person__name", flat=True)) >= {"陈秀英", "陈小龙"}
    assert AuditEvent.objects.filter(action=AuditAction.CREATE).count() == 2


def test_one_bad_row_saves_nothing_and_every_problem_is_named(caseworker):
    home = household_with_members(1)
    taken = home.memberships.get().person.id_number
    dup = resident_id()
    upload = _csv(
        f"{home.number},陈秀英,居民身份证,{dup},配偶,",
        f"{home.number},,居民身份证,330482195003010013,表亲,123",
        f"NOPE,王五,居民身份证,{taken},子女,",
        f"{home.number},陈二,居民身份证,{dup},子女,",
    )
    before = Person.objects.count()

    with pytest.raises(ApplicationError) as caught:
        persons_import(actor=caseworker, upload=upload)

    assert caught.value.message == "文件中有 7 处错误，未导入任何数据。"
    assert caught.value.fields == {
        "3:与户主关系": "与户主关系无效。",
        "3:姓名": "姓名不能为空。",
        "3:证件号": "身份证号校验位不正确，请逐位核对。",
        "3:手机号": "电话号码格式不正确：手机号为 11 位，座机需带区号。",
        "4:户号": "户号不存在或不在您的管辖范围内。",
        "4:证件号": "该证件号已登记在其他人员名下。",
        "5:证件号": "与第 2 行的证件号重复。",
    }
    assert Person.objects.count() == before
    assert not AuditEvent.objects.filter(action=AuditAction.CREATE).exists()


@pytest.mark.parametrize(
    ("upload", "message", "_case"),
    [
        (b"name,id\nx,y\n", "缺少必需的列：户号、姓名、证件号、与户主关系。", "wrong headings"),
        (HEADER.encode(), "文件中没有数据行。", "headings only"),
        (
            b"\xff\xfe\x00\x00garbage\x80\x81",
            "无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV 文件。",
            "binary",
        ),
    ],
)
def test_malformed_files_are_refused_with_the_reason(caseworker, upload, message, _case):
    with pytest.raises(ApplicationError) as caught:
        persons_import(actor=caseworker, upload=upload)
    assert caught.value.fields == {"file": message}


def test_households_outside_the_jurisdiction_are_not_found(make_staff):
    home = household_with_members(1)
    outsider = make_staff(Role.TOWNSHIP_WORKER, 330482101000)
    with pytest.raises(ApplicationError) as caught:
        persons_import(actor=outsider, upload=_csv(f"{home.number},王五,,{resident_id()},子女,"))
    assert caught.value.fields == {"2:户号": "户号不存在或不在您的管辖范围内。"}


def test_upload_page_and_api_report_row_errors(caseworker, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    home = household_with_members(1)
    client = client_for(caseworker)
    bad = _csv(f"{home.number},王五,,12345,子女,")
    page = client.post(
        "/registry/persons/import/", {"file": SimpleUploadedFile("p.csv", bad, "text/csv")}
    )
    api = client.post(
        "/api/v1/registry/persons/import", {"file": SimpleUploadedFile("p.csv", bad, "text/csv")}
    )
    good = client.post(
        "/api/v1/registry/persons/import",
        {
            "file": SimpleUploadedFile(
                "p.csv", _csv(f"{home.number},王五,,{resident_id()},子女,"), "text/csv"
            )
        },
    )

    assert page.status_code == 400
    assert "身份证号应为 18 位(旧证 15 位)。" in page.content.decode()
    assert api.status_code == 400
    assert api.json()["fields"] == {"2:证件号": "身份证号应为 18 位(旧证 15 位)。"}
    assert good.json() == {"imported": 1}


def test_village_workers_may_not_import(make_staff, client_for):
    client = client_for(make_staff(Role.VILLAGE_WORKER, 330482001034))
    assert client.get("/registry/persons/import/").status_code == 403
