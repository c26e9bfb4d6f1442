"""Addressing, parsing and labelling the values of a case by path."""

import pytest

from minzheng.cases.case_values import (
    case_get,
    case_leaves,
    case_set,
    display_value,
    field_label,
    parse_value,
    source_for,
)
from minzheng.cases.tests.factories import POOR_CASE

CASE = {
    **POOR_CASE,
    "assets": {
        "financial": 0,
        "vehicles": [{"value": 8000, "for_disability": False}],
        "dwellings": 1,
    },
}


def test_leaves_skip_the_identifying_values():
    paths = [path for path, _value in case_leaves(CASE)]
    assert paths == [
        "members[0].birth_date",
        "members[0].status",
        "members[0].monthly_income",
        "members[0].disability_grade",
        "members[0].disability_kind",
        "members[0].serious_illness",
        "support_received_monthly",
        "assets.financial",
        "assets.vehicles[0].value",
        "assets.vehicles[0].for_disability",
        "assets.dwellings",
        "rigid_expenditure_annual",
        "has_capable_supporter",
    ]


def test_get_and_set_by_path():
    case = {"assets": {"vehicles": [{"value": 1}]}, "members": []}
    case_set(case, "assets.vehicles[0].value", 2)
    assert case_get(case, "assets.vehicles[0].value") == 2
    with pytest.raises(KeyError):
        case_set(case, "members[0].monthly_income", 1)
    with pytest.raises(KeyError):
        case_get(case, "assets.boats")


@pytest.mark.parametrize(
    ("path", "raw", "value"),
    [
        ("members[0].monthly_income", "620", 620),
        ("members[0].monthly_income", "1,300.5", 1300.5),
        ("members[0].disability_grade", "", None),
        ("members[0].disability_grade", "2", 2),
        ("members[0].disability_kind", "mental", "mental"),
        ("members[0].disability_kind", "", None),
        ("has_capable_supporter", "是", True),
        ("has_capable_supporter", "false", False),
        ("members[0].birth_date", "1958-03-02", "1958-03-02"),
        ("assets.dwellings", "2", 2),
    ],
)
def test_parse(path, raw, value):
    assert parse_value(path, raw) == value


@pytest.mark.parametrize(
    ("path", "raw"),
    [
        ("members[0].monthly_income", "-1"),
        ("members[0].status", ""),
        ("members[0].disability_kind", "tall"),
        ("has_capable_supporter", "maybe"),
        ("members[0].birth_date", "1958-02-30"),
        ("assets.dwellings", "1.5"),
    ],
)
def test_parse_refuses(path, raw):
    with pytest.raises(ValueError, match=r"."):
        parse_value(path, raw)


def test_labels_values_and_sources_in_chinese():
    assert field_label(CASE, "members[0].monthly_income") == "成员 1(申请人) · 月收入(元)"
    assert field_label(CASE, "assets.vehicles[0].value") == "车辆 1 · 车辆价值(元)"
    assert display_value("members[0].monthly_income", 620.0) == "620.00"
    assert display_value("members[0].disability_kind", "mental") == "精神"
    assert display_value("has_capable_supporter", True) == "是"
    assert (
        source_for({"assets.vehicles": "车辆 2026-10"}, "assets.vehicles[0].value")
        == "车辆 2026-10"
    )
    assert source_for({}, "assets.dwellings") == ""


def test_an_unverified_fact_reads_as_unverified_never_as_zero_or_no():
    assert display_value("assets.financial", None) == "未核对"
    assert display_value("has_capable_supporter", None) == "未核对"
    # Left blank in the form it stays unknown; a value is parsed as usual.
    assert parse_value("support_received_monthly", "") is None
    assert parse_value("has_capable_supporter", "") is None
    assert parse_value("has_capable_supporter", "false") is False
    assert parse_value("assets.financial", "0") == 0
    # Other money stays a number: a blank income is not an unknown fact.
    with pytest.raises(ValueError, match="应为金额"):
        parse_value("members[0].monthly_income", "")
