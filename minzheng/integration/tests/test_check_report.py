"""The 核对报告: selector, page, PDF, access and audit."""

import datetime as dt
import re
import zlib

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from weasyprint.formatting_structure import boxes

from minzheng.accounts.enums import Role
from minzheng.core.enums import AuditAction
from minzheng.core.models import AuditEvent
from minzheng.core.pdf import render_document
from minzheng.integration.enums import Department, FlagCode, FlagKind
from minzheng.integration.selectors.report import household_check_report
from minzheng.integration.tests.factories import source_record
from minzheng.registry.enums import Relation
from minzheng.registry.tests.factories import AddressFactory, HouseholdFactory, MembershipFactory

pytestmark = pytest.mark.django_db

PINGHU = 330482000000
DANGHU = 330482001000  # 当湖街道, which holds 松枫社区
ZHAPU = 330482101000
SONGFENG = 330482001034
YOULIAN = 330482103217  # 友联村, in 新仓镇
AS_OF = dt.date(2025, 6, 30)
LAST_YEAR = dt.date(2024, 6, 30)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2025-09-01 10:00 +0800", tick=False):
        yield


def family(size: int = 4):
    """A household of up to four: the head, the spouse, a son and a grandchild."""
    people = [
        (Relation.HEAD, "张伟", dt.date(1950, 3, 1), "male"),
        (Relation.SPOUSE, "王芳", dt.date(1952, 7, 9), "female"),
        (Relation.CHILD, "张明", dt.date(1980, 1, 15), "male"),
        (Relation.GRANDCHILD, "张小宝", dt.date(2015, 5, 1), "male"),
    ][:size]
    home = HouseholdFactory(number="T0000004242")
    members = [
        MembershipFactory(
            household=home,
            relation=relation,
            person__name=name,
            person__birth_date=born,
            person__gender=gender,
        ).person
        for relation, name, born, gender in people
    ]
    return home, members


def clean_records(home, members) -> None:
    """What every department says, agreeing with the registry: 20 records for four members."""
    head, spouse, son, grandchild = members
    for person in members:
        source_record(
            person,
            Department.POLICE,
            {"household_number": home.number, "relation": "户主"},
            standard_address=home.address,
        )
        source_record(
            person,
            Department.MEDICAL_INSURANCE,
            {
                "insured_type": "城乡居民医保",
                "year": 2024,
                "total_cost": 3000,
                "out_of_pocket": 600,
            },
        )
    for person, spent in ((head, 1200), (spouse, 300), (son, 300)):
        source_record(
            person,
            Department.MEDICAL_INSURANCE,
            {"insured_type": "城乡居民医保", "year": 2023, "out_of_pocket": spent},
            as_of=LAST_YEAR,
        )
    for person, pension in ((head, "3300.50"), (spouse, "350")):
        source_record(
            person,
            Department.SOCIAL_SECURITY,
            {
                "employment_status": "退休",
                "pension_type": "职工养老保险",
                "monthly_pension": pension,
            },
        )
    source_record(son, Department.SOCIAL_SECURITY, {"employment_status": "在职"})
    source_record(
        head,
        Department.REAL_ESTATE,
        {"property_count": 2, "floor_area": "180.25"},
        standard_address=home.address,
    )
    source_record(
        son,
        Department.VEHICLES,
        {"plate": "浙FA0001", "vehicle_type": "小型轿车", "purchase_value": 150000},
    )
    source_record(
        son,
        Department.VEHICLES,
        {"plate": "浙FD12345", "vehicle_type": "小型轿车", "purchase_value": 98000},
    )
    source_record(
        spouse,
        Department.DISABILITY,
        {"certificate_number": f"{spouse.id_number}14", "category": "肢体", "grade": 4},
    )
    source_record(
        head,
        Department.ELECTRICITY,
        {"account_number": "3300123456", "monthly_kwh": 210, "arrears": 0},
        id_number="",
    )
    source_record(grandchild, Department.POLICE, {"relation": "孙子女"}, as_of=LAST_YEAR)


@pytest.fixture
def home():
    household, members = family()
    clean_records(household, members)
    return household


@pytest.fixture
def township_worker(make_staff):
    return make_staff(Role.TOWNSHIP_WORKER, DANGHU)


def page_of(client, home) -> str:
    response = client.get(reverse("integration:check_report", args=[home.pk]))
    assert response.status_code == 200
    return response.content.decode()


def texts_by_page(document) -> list[str]:
    """The laid-out text of each PDF page, header and footer included."""
    return [
        " ".join(box.text for box in page._page_box.descendants() if isinstance(box, boxes.TextBox))
        for page in document.pages
    ]


def pdf_media_boxes(pdf: bytes) -> list[bytes]:
    """MediaBox entries, also from compressed object streams (pypdf is not a dependency)."""
    found = re.findall(rb"/MediaBox ?\[[^\]]*\]", pdf)
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            # A stream whose data ends in \r loses it to the pattern: decompressobj reads the
            # rest without demanding the final byte (zlib.decompress would fail 1 time in 256).
            data = zlib.decompressobj().decompress(stream.group(1))
            found += re.findall(rb"/MediaBox ?\[[^\]]*\]", data)
        except zlib.error:
            continue
    return found


# The selector ------------------------------------------------------------------------------


def test_a_clean_household_has_no_flags_and_its_totals(home):
    report = household_check_report(household=home)

    assert [m.name for m in report.members] == ["张伟", "王芳", "张明", "张小宝"]
    # Last year's records are history, not stale: each department has said something newer.
    assert report.flags == ()
    totals = report.totals
    assert (totals.monthly_pension_text, totals.pensioners) == ("¥3,650.50", 2)
    assert (totals.property_count, totals.floor_area_text) == (2, "180.25")
    assert (totals.vehicle_count, totals.vehicle_value_text) == (2, "¥248,000.00")
    assert [(y.year, y.text) for y in totals.medical_out_of_pocket] == [
        (2024, "¥2,400.00"),
        (2023, "¥1,800.00"),
    ]
    assert [(c.person_name, c.category, c.grade) for c in totals.disability_certificates] == [
        ("王芳", "肢体", "4")
    ]
    assert report.record_count == 20
    assert report.division_path[-1] == "松枫社区"


def test_records_are_grouped_by_topic_then_department_newest_first(home):
    head = household_check_report(household=home).members[0]

    assert [t.label for t in head.topics] == [
        "户籍",
        "就业与收入",
        "养老金",
        "房产",
        "医疗支出",
        "用电",
    ]
    medical = next(t for t in head.topics if t.label == "医疗支出").tables[0]
    assert medical.label == "医保"
    assert medical.columns == ("参保类型", "费用年度", "医疗总费用", "个人自付")
    assert [row.as_of for row in medical.rows] == [AS_OF, LAST_YEAR]
    assert [row.is_stale for row in medical.rows] == [False, False]  # last year's is history
    assert medical.rows[0].cells == (
        ("参保类型", "城乡居民医保"),
        ("费用年度", "2024"),
        ("医疗总费用", "¥3,000.00"),
        ("个人自付", "¥600.00"),
    )
    electricity = head.topics[-1].tables[0]
    assert electricity.rows[0].cells[-1] == ("欠费", "¥0.00")


def test_every_conflict_and_gap_kind_is_flagged():
    home, (head, spouse, son) = family(3)
    source_record(head, Department.POLICE, {"household_number": "T0000009999"})
    source_record(spouse, Department.POLICE, name="王 芳")  # spacing only: the same name
    source_record(son, Department.POLICE, name="張明")  # traditional: the same name
    source_record(head, Department.MEDICAL_INSURANCE, name="张玮", gender="女")
    typo = head.id_number[:-3] + ("1" if head.id_number[-3] != "1" else "2") + head.id_number[-2:]
    source_record(head, Department.DISABILITY, id_number=typo, birth_date=dt.date(1950, 3, 2))
    source_record(spouse, Department.REAL_ESTATE, standard_address=AddressFactory())
    for pension in ("3300", "3500"):
        source_record(spouse, Department.SOCIAL_SECURITY, {"monthly_pension": pension})
    source_record(son, Department.SOCIAL_SECURITY, as_of=dt.date(2024, 8, 31))

    report = household_check_report(household=home)

    found = {(f.code, f.person_name, f.department) for f in report.flags}
    assert found == {
        (FlagCode.HOUSEHOLD_NUMBER_DIFFERS, "张伟", Department.POLICE),
        (FlagCode.NAME_DIFFERS, "张伟", Department.MEDICAL_INSURANCE),
        (FlagCode.GENDER_DIFFERS, "张伟", Department.MEDICAL_INSURANCE),
        (FlagCode.ID_NUMBER_DIFFERS, "张伟", Department.DISABILITY),
        (FlagCode.BIRTH_DATE_DIFFERS, "张伟", Department.DISABILITY),
        (FlagCode.ADDRESS_DIFFERS, "王芳", Department.REAL_ESTATE),
        (FlagCode.VALUES_DIFFER, "王芳", Department.SOCIAL_SECURITY),
        (FlagCode.MEMBER_MISSING, "张伟", Department.SOCIAL_SECURITY),
        (FlagCode.MEMBER_MISSING, "王芳", Department.MEDICAL_INSURANCE),
        (FlagCode.MEMBER_MISSING, "张明", Department.MEDICAL_INSURANCE),
        (FlagCode.STALE, "张明", Department.SOCIAL_SECURITY),
    }
    son_income = report.members[2].topics[1]
    assert son_income.label == "就业与收入"
    assert [row.is_stale for row in son_income.tables[0].rows] == [True]
    kinds = [f.kind for f in report.flags]
    assert kinds == sorted(kinds, key=[FlagKind.CONFLICT, FlagKind.GAP, FlagKind.STALE].index)


def test_a_household_nobody_in_which_has_police_or_medical_records():
    home, (head,) = family(1)
    source_record(head, Department.SOCIAL_SECURITY)

    report = household_check_report(household=home)

    assert [(f.code, f.department, f.person_id) for f in report.gaps] == [
        (FlagCode.HOUSEHOLD_MISSING, Department.POLICE, None),
        (FlagCode.HOUSEHOLD_MISSING, Department.MEDICAL_INSURANCE, None),
    ]


@pytest.mark.parametrize("size", [1, 4])
def test_the_selector_issues_six_queries_whatever_the_size(size, django_assert_num_queries):
    household, members = family(size)
    for person in members:
        for department in Department:
            source_record(person, department, {} if department != Department.POLICE else None)
    home = type(household).objects.select_related("division", "address").get(pk=household.pk)

    # members with persons, division lineage, source records with addresses, their items,
    # the feeds received, the household's declarations (none here)
    with django_assert_num_queries(6):
        report = household_check_report(household=home)
    assert report.record_count == size * len(Department)


# The page ----------------------------------------------------------------------------------


def test_the_page_shows_flags_first_then_each_member(home, township_worker, client_for):
    page = page_of(client_for(township_worker), home)

    assert page.index("核对提示") < page.index("家庭汇总") < page.index('id="member-')
    sections = re.findall(r'<h2 id="member-[^"]+">\s*([^<\s]+)', page)
    assert sections == ["张伟", "王芳", "张明", "张小宝"]
    assert "¥3,650.50" in page
    assert "¥248,000.00" in page
    assert "2024 年 ¥2,400.00" in page
    assert "城乡居民医保" in page
    assert page.index("2025-06-30") < page.index("2024-06-30")
    assert reverse("integration:check_report_pdf", args=[home.pk]) in page
    assert "下载 PDF" in page


def test_conflicts_show_masked_ids_and_never_the_full_number(township_worker, client_for):
    home, (head,) = family(1)
    typo = head.id_number[:-3] + ("1" if head.id_number[-3] != "1" else "2") + head.id_number[-2:]
    source_record(head, Department.MEDICAL_INSURANCE, id_number=typo)
    source_record(
        head,
        Department.DISABILITY,
        {"certificate_number": f"{head.id_number}14", "category": "肢体", "grade": 4},
        record_id=f"CL{head.id_number}",
    )

    page = page_of(client_for(township_worker), home)

    assert "医保记录的身份证号与户籍登记不一致" in page
    assert head.id_number_masked in page
    assert head.id_number not in page
    assert typo not in page


def test_the_registry_links_to_the_report_for_those_who_may_read_it(home, make_staff, client_for):
    url = reverse("integration:check_report", args=[home.pk])
    detail = reverse("registry:household_detail", args=[home.pk])
    caseworker = client_for(make_staff(Role.TOWNSHIP_WORKER, DANGHU))
    village = client_for(make_staff(Role.VILLAGE_WORKER, SONGFENG))

    assert url in caseworker.get(detail).content.decode()
    # ADR 0031: the 村社 worker, who confirms the 核对 values, reads the report too.
    assert url in village.get(detail).content.decode()
    assert village.get(url).status_code == 200


def test_viewing_is_audited_once_without_personal_data(home, township_worker, client_for):
    page_of(client_for(township_worker), home)

    event = AuditEvent.objects.get(target_type="check_report")
    assert (event.action, event.target_id) == (AuditAction.VIEW, str(home.pk))
    assert event.division_code == SONGFENG
    assert event.changes == {}
    assert event.actor == township_worker


@pytest.mark.parametrize("size", [1, 4])
def test_the_page_issues_a_fixed_number_of_queries(
    size, township_worker, client_for, django_assert_num_queries
):
    household, members = family(size)
    for person in members:
        source_record(person, Department.POLICE, {"relation": "户主"})
        source_record(person, Department.MEDICAL_INSURANCE, {"out_of_pocket": 10})
    client = client_for(township_worker)
    client.get("/")  # warm the session
    # session, user, jurisdiction, household, members, lineage, source records, items, feeds
    # received, declarations, the audit insert, the session save (3 with its savepoint): 14,
    # whatever the size.
    with django_assert_num_queries(14):
        page_of(client, household)


# Access ------------------------------------------------------------------------------------

MATRIX = [
    # (role, jurisdiction, status, _case)
    (Role.TOWNSHIP_WORKER, ZHAPU, 404, "other township"),
    (Role.HOTLINE_OPERATOR, PINGHU, 404, "no registry access at all"),
    (Role.AUDITOR, PINGHU, 404, "the auditor reads the log, not the registry"),
    # ADR 0031: the 村社 worker confirms the 核对 values, so reads the report of its 村社.
    (Role.VILLAGE_WORKER, SONGFENG, 200, "own 村社"),
    (Role.VILLAGE_WORKER, YOULIAN, 404, "another 村社"),
    (Role.CHARITY_STAFF, PINGHU, 404, "charity staff read wishes only"),
    (Role.TOWNSHIP_WORKER, DANGHU, 200, "own township"),
    (Role.COUNTY_CASEWORKER, PINGHU, 200, "county caseworker"),
]


@pytest.mark.parametrize(("role", "division", "status", "_case"), MATRIX)
@pytest.mark.parametrize("url_name", ["integration:check_report", "integration:check_report_pdf"])
def test_access_matrix(home, make_staff, client_for, role, division, status, _case, url_name):
    client = client_for(make_staff(role, division))

    response = client.get(reverse(url_name, args=[home.pk]))

    assert response.status_code == status
    audited = AuditEvent.objects.filter(target_type="check_report").count()
    assert audited == (1 if status == 200 else 0)


@pytest.mark.parametrize("url_name", ["integration:check_report", "integration:check_report_pdf"])
def test_anonymous_is_sent_to_login(home, url_name):
    response = Client().get(reverse(url_name, args=[home.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not AuditEvent.objects.filter(target_type="check_report").exists()


def test_an_unknown_household_is_not_found(township_worker, client_for):
    url = reverse("integration:check_report", args=["0b7e1b6a-0000-4000-8000-000000000000"])
    assert client_for(township_worker).get(url).status_code == 404


# The PDF -----------------------------------------------------------------------------------


def test_the_pdf_is_an_a4_attachment_and_its_export_is_audited(home, township_worker, client_for):
    response = client_for(township_worker).get(
        reverse("integration:check_report_pdf", args=[home.pk])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="check-report-T0000004242.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    boxes_found = pdf_media_boxes(pdf)
    assert boxes_found
    assert all(box.startswith(b"/MediaBox [0 0 595.") for box in boxes_found)
    event = AuditEvent.objects.get(target_type="check_report")
    assert (event.action, event.target_id, event.changes) == (
        AuditAction.EXPORT,
        str(home.pk),
        {},
    )


def test_the_pdf_text_has_the_report_and_masked_ids_only(home):
    report = household_check_report(household=home)
    ids = [m.person.id_number for m in home.memberships.select_related("person")]

    document = render_document("integration/report/print.html", {"report": report})
    text = " ".join(texts_by_page(document))

    assert "核对报告" in text
    assert "¥3,650.50" in text
    assert "第 1 页 共" in text
    assert all(number not in text for number in ids)
    assert all(number[:6] + "********" + number[-4:] in text for number in ids)


def test_a_long_report_repeats_table_headers_and_page_header_on_every_page():
    home, (head,) = family(1)
    for year in range(1965, 2025):
        source_record(
            head,
            Department.MEDICAL_INSURANCE,
            {"year": year, "out_of_pocket": 100},
            as_of=dt.date(year + 1, 3, 31),
        )
    report = household_check_report(household=home)

    pages = texts_by_page(render_document("integration/report/print.html", {"report": report}))

    assert len(pages) >= 2
    for number, text in enumerate(pages, 1):
        assert f"第 {number} 页 共 {len(pages)} 页" in text
        assert "户号 T0000004242" in text
        assert "生成时间 2025-09-01 10:00" in text
    assert "个人自付" in pages[-1]  # the medical table's header, repeated
    assert "数据截止日期" in pages[-1]


def test_a_household_number_is_made_safe_for_the_file_name(township_worker, client_for):
    home = HouseholdFactory(number="松枫/0042")
    MembershipFactory(household=home)

    response = client_for(township_worker).get(
        reverse("integration:check_report_pdf", args=[home.pk])
    )

    assert response["Content-Disposition"] == 'attachment; filename="check-report-0042.pdf"'
