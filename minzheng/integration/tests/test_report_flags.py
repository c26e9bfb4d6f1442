"""The 核对报告's flags, totals and value formats as pure functions: no database."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from minzheng_pipeline.identifiers import check_char
from minzheng_pipeline.text import gender_code

from minzheng.integration.comparison import id_key, names_differ
from minzheng.integration.enums import Department, FlagCode, FlagKind, Severity, ValueType
from minzheng.integration.selectors.report_flags import (
    household_flags,
    identity_conflicts,
    member_gaps,
    stale_flags,
    value_conflicts,
)
from minzheng.integration.selectors.report_totals import household_totals
from minzheng.integration.selectors.report_values import (
    ItemValue,
    MemberFacts,
    SourceFacts,
    format_value,
    mask_identifiers,
    months_before,
)

TODAY = dt.date(2025, 9, 1)
AS_OF = dt.date(2025, 6, 30)
ID = "33048219500301901X"  # not checksum-valid on purpose: only compared, never parsed
HOME = uuid.uuid4()
OTHER_ADDRESS = uuid.uuid4()


def member(**overrides) -> MemberFacts:
    values = {
        "person_id": uuid.uuid4(),
        "name": "张伟",
        "id_number": ID,
        "gender": "male",
        "birth_date": dt.date(1950, 3, 1),
        "household_number": "T0000000001",
        "address_id": HOME,
        "address_text": "当湖街道松枫社区新华路1号",
    }
    return MemberFacts(**(values | overrides))


def money(key: str, amount: str) -> ItemValue:
    return ItemValue(key, ValueType.MONEY, number=Decimal(amount))


def text(key: str, value: str) -> ItemValue:
    return ItemValue(key, ValueType.TEXT, text=value)


def record(department=Department.MEDICAL_INSURANCE, *items: ItemValue, **fields) -> SourceFacts:
    values = {
        "record_id": f"R{uuid.uuid4().hex[:8]}",
        "department": department,
        "as_of": AS_OF,
        "name": "张伟",
        "id_number": ID,
        "gender": "男",
        "birth_date": dt.date(1950, 3, 1),
        "items": {item.key: item for item in items},
    }
    return SourceFacts(**(values | fields))


def codes(flags) -> list[str]:
    return [flag.code for flag in flags]


@pytest.mark.parametrize(
    ("source", "registry", "differ", "_case"),
    [
        ("張偉", "张伟", False, "traditional characters are the same name"),
        (" 张 伟 ", "张伟", False, "spaces do not count"),
        ("阿不都•热合曼", "阿不都·热合曼", False, "look-alike interpuncts"),
        ("张玮", "张伟", True, "a homophone is another name"),
        ("", "张伟", False, "a blank name says nothing"),
    ],
)
def test_names_are_compared_after_trimming_and_simplifying(source, registry, differ, _case):
    assert names_differ(source, registry) is differ


@pytest.mark.parametrize(
    ("raw", "code"),
    [("男", "male"), ("女", "female"), ("1", "male"), ("F", "female"), ("未知", ""), ("", "")],
)
def test_gender_as_departments_write_it(raw, code):
    assert gender_code(raw) == code


def test_a_first_generation_id_matches_its_18_digit_form():
    assert id_key("330482500301901") == "33048219500301901" + check_char("33048219500301901")
    assert id_key(" 3304821950030190 1x") == "33048219500301901X"


def test_a_clean_record_raises_no_conflict():
    assert identity_conflicts(member(), record(standard_address_id=HOME)) == []


def test_each_identity_conflict_is_flagged_with_masked_ids():
    flags = identity_conflicts(
        member(),
        record(
            Department.DISABILITY,
            name="张玮",
            gender="女",
            birth_date=dt.date(1950, 3, 2),
            id_number="330482195003019029",
            standard_address_id=OTHER_ADDRESS,
            standard_address_text="乍浦镇长安桥社区1号",
        ),
    )
    assert codes(flags) == [
        FlagCode.NAME_DIFFERS,
        FlagCode.GENDER_DIFFERS,
        FlagCode.BIRTH_DATE_DIFFERS,
        FlagCode.ID_NUMBER_DIFFERS,
        FlagCode.ADDRESS_DIFFERS,
    ]
    assert {flag.kind for flag in flags} == {FlagKind.CONFLICT}
    by_code = {flag.code: flag for flag in flags}
    id_flag = by_code[FlagCode.ID_NUMBER_DIFFERS]
    assert id_flag.severity == Severity.HIGH
    assert (id_flag.registry_value, id_flag.source_value) == (
        "330482********901X",
        "330482********9029",
    )
    assert id_flag.note == "第 17、18 位不同"
    assert id_flag.message == "残联记录的身份证号与户籍登记不一致，可能是部门数据录入有误"
    assert (
        by_code[FlagCode.GENDER_DIFFERS].registry_value,
        by_code[FlagCode.GENDER_DIFFERS].source_value,
    ) == ("男", "女")
    assert by_code[FlagCode.NAME_DIFFERS].source_value == "张玮"
    assert all(ID not in str(flag) for flag in flags)


def test_police_household_number_is_checked_against_the_household():
    police = record(Department.POLICE, text("household_number", "T0000000999"))
    assert codes(identity_conflicts(member(), police)) == [FlagCode.HOUSEHOLD_NUMBER_DIFFERS]


def test_a_blank_source_field_is_not_a_conflict():
    blank = record(name="", gender="", birth_date=None, id_number="", standard_address_id=None)
    assert identity_conflicts(member(), blank) == []


def test_two_pensions_on_one_date_conflict():
    flags = value_conflicts(
        member(),
        [
            record(Department.SOCIAL_SECURITY, money("monthly_pension", "3300")),
            record(Department.SOCIAL_SECURITY, money("monthly_pension", "3500")),
        ],
    )
    assert codes(flags) == [FlagCode.VALUES_DIFFER]
    assert flags[0].source_value == "¥3,300.00 / ¥3,500.00"
    assert flags[0].message == "人社在同一截止日期有 2 条记录，“月养老金”的值不一致"


def test_equal_duplicates_other_dates_and_several_cars_are_not_conflicts():
    same = [record(Department.SOCIAL_SECURITY, money("monthly_pension", "3300")) for _ in "ab"]
    dated = [
        record(Department.SOCIAL_SECURITY, money("monthly_pension", "3300")),
        record(
            Department.SOCIAL_SECURITY,
            money("monthly_pension", "3400"),
            as_of=dt.date(2024, 6, 30),
        ),
    ]
    cars = [record(Department.VEHICLES, text("plate", plate)) for plate in ("浙FA0001", "浙FB0002")]
    assert value_conflicts(member(), same + dated + cars) == []


def test_member_gaps_depend_on_age():
    child = member(birth_date=dt.date(2012, 1, 1))
    adult = member()
    assert codes(member_gaps(child, [], today=TODAY)) == [FlagCode.MEMBER_MISSING]
    assert [f.department for f in member_gaps(adult, [], today=TODAY)] == [
        Department.MEDICAL_INSURANCE,
        Department.SOCIAL_SECURITY,
    ]
    insured = [record(Department.MEDICAL_INSURANCE), record(Department.SOCIAL_SECURITY)]
    assert member_gaps(adult, insured, today=TODAY) == []


def test_stale_data_is_older_than_twelve_months():
    fresh = record(Department.POLICE, as_of=dt.date(2024, 9, 1))
    old = record(Department.MEDICAL_INSURANCE, as_of=dt.date(2024, 8, 31))
    flags = stale_flags(member(), [fresh, old], today=TODAY)
    assert [(f.department, f.as_of, f.severity) for f in flags] == [
        (Department.MEDICAL_INSURANCE, dt.date(2024, 8, 31), Severity.LOW)
    ]
    assert flags[0].message == "医保数据截止于 2024-08-31，已超过 12 个月"


def test_an_old_record_superseded_by_a_newer_one_is_not_stale():
    records = [record(as_of=dt.date(2023, 6, 30)), record(as_of=AS_OF)]
    assert stale_flags(member(), records, today=TODAY) == []


def test_household_flags_order_and_household_level_gaps():
    head, child = member(name="张伟"), member(name="张小明", birth_date=dt.date(2015, 5, 1))
    flags = household_flags(
        [
            (head, [record(Department.POLICE), record(Department.SOCIAL_SECURITY, name="张玮")]),
            (
                child,
                [
                    record(
                        Department.POLICE,
                        as_of=dt.date(2023, 6, 30),
                        name="张小明",
                        birth_date=dt.date(2015, 5, 1),
                    )
                ],
            ),
        ],
        today=TODAY,
    )
    summary = [(f.kind, f.code, f.person_name, f.department) for f in flags]
    assert summary == [
        (FlagKind.CONFLICT, FlagCode.NAME_DIFFERS, "张伟", Department.SOCIAL_SECURITY),
        # Nobody has a 医保 record: one household flag instead of one per member.
        (FlagKind.GAP, FlagCode.HOUSEHOLD_MISSING, "", Department.MEDICAL_INSURANCE),
        (FlagKind.STALE, FlagCode.STALE, "张小明", Department.POLICE),
    ]
    assert flags[1].severity == Severity.HIGH
    assert flags[1].message == "本户所有成员均没有医保记录"


def test_a_name_misspelt_in_every_file_is_flagged_once():
    records = [
        record(Department.MEDICAL_INSURANCE, name="张玮", as_of=dt.date(year, 6, 30))
        for year in (2024, 2025)
    ]
    flags = household_flags([(member(), [*records, record(Department.POLICE)])], today=TODAY)
    name_flags = [f for f in flags if f.code == FlagCode.NAME_DIFFERS]
    assert [(f.as_of, f.source_value) for f in name_flags] == [(AS_OF, "张玮")]


def test_an_empty_household_has_no_flags():
    assert household_flags([], today=TODAY) == []


@pytest.mark.parametrize(
    ("item", "shown"),
    [
        (ItemValue("monthly_pension", ValueType.MONEY, number=Decimal("3300.5")), "¥3,300.50"),
        (ItemValue("year", ValueType.INTEGER, number=Decimal("2024")), "2024"),
        (ItemValue("floor_area", ValueType.NUMBER, number=Decimal("1105.5")), "1,105.50"),
        (ItemValue("plate", ValueType.TEXT, text=" 浙FA0001 "), "浙FA0001"),
        (ItemValue("certificate_number", ValueType.TEXT, text=ID + "14"), "330482**********1X14"),
        (ItemValue("plate", ValueType.TEXT, text=""), "—"),
        (None, "—"),
    ],
)
def test_values_are_formatted_by_type(item, shown):
    assert format_value(item) == shown


def test_record_ids_that_embed_an_id_number_are_masked():
    assert mask_identifiers(f"YB{ID}") == "YB330482********901X"
    assert mask_identifiers("GA0001234") == "GA0001234"


@pytest.mark.parametrize(
    ("today", "earlier"),
    [
        (dt.date(2025, 9, 1), dt.date(2024, 9, 1)),
        (dt.date(2024, 2, 29), dt.date(2023, 2, 28)),
    ],
)
def test_twelve_months_before(today, earlier):
    assert months_before(today, 12) == earlier


def test_household_totals():
    head, spouse = member(), member(name="王芳")
    old_pension = record(
        Department.SOCIAL_SECURITY, money("monthly_pension", "9999"), as_of=dt.date(2024, 6, 30)
    )
    totals = household_totals(
        [
            (
                head,
                [
                    old_pension,
                    record(Department.SOCIAL_SECURITY, money("monthly_pension", "3300.50")),
                    record(
                        Department.REAL_ESTATE,
                        ItemValue("property_count", ValueType.INTEGER, number=Decimal(2)),
                        ItemValue("floor_area", ValueType.NUMBER, number=Decimal("180.25")),
                    ),
                    record(
                        Department.VEHICLES,
                        text("plate", "浙FA0001"),
                        money("purchase_value", "150000"),
                    ),
                    # The same car again under a new record_id counts once.
                    record(
                        Department.VEHICLES,
                        text("plate", "浙FA0001"),
                        money("purchase_value", "150000"),
                    ),
                    record(
                        Department.MEDICAL_INSURANCE,
                        ItemValue("year", ValueType.INTEGER, number=Decimal(2024)),
                        money("out_of_pocket", "1200"),
                    ),
                    record(
                        Department.DISABILITY,
                        text("certificate_number", ID + "14"),
                        text("category", "肢体"),
                        ItemValue("grade", ValueType.INTEGER, number=Decimal(4)),
                    ),
                ],
            ),
            (
                spouse,
                [
                    record(Department.SOCIAL_SECURITY, money("monthly_pension", "350")),
                    record(
                        Department.MEDICAL_INSURANCE,
                        ItemValue("year", ValueType.INTEGER, number=Decimal(2024)),
                        money("out_of_pocket", "800.25"),
                    ),
                    record(
                        Department.MEDICAL_INSURANCE,
                        ItemValue("year", ValueType.INTEGER, number=Decimal(2023)),
                        money("out_of_pocket", "100"),
                        as_of=dt.date(2024, 6, 30),
                    ),
                ],
            ),
        ]
    )
    assert (totals.monthly_pension_text, totals.pensioners) == ("¥3,650.50", 2)
    assert (totals.property_count, totals.floor_area_text) == (2, "180.25")
    assert (totals.vehicle_count, totals.vehicle_value_text) == (1, "¥150,000.00")
    assert [(y.year, y.text) for y in totals.medical_out_of_pocket] == [
        (2024, "¥2,000.25"),
        (2023, "¥100.00"),
    ]
    [certificate] = totals.disability_certificates
    assert (certificate.person_name, certificate.category, certificate.grade) == (
        "张伟",
        "肢体",
        "4",
    )
    assert certificate.number == "330482**********1X14"
