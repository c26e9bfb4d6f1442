import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

SPEC_CASE = {
    "case_id": "c1",
    "region": "330500",
    "as_of": "2024-07-01",
    "members": [
        {
            "id": "m1",
            "relation": "self",
            "birth_date": "1958-03-02",
            "status": "resident",
            "monthly_income": 620.0,
            "disability_grade": None,
            "disability_kind": None,
            "serious_illness": False,
        }
    ],
    "support_received_monthly": 0,
    "assets": {
        "financial": 12000,
        "vehicles": [{"value": 8000, "for_disability": False}],
        "dwellings": 1,
    },
    "rigid_expenditure_annual": 0,
    "has_capable_supporter": False,
}


def _case(**changes):
    return {**json.loads(json.dumps(SPEC_CASE)), **changes}


def _member(**changes):
    return {**SPEC_CASE["members"][0], **changes}


def _evaluate(tmp_path, cases, *settings):
    source, out = tmp_path / "cases.json", tmp_path / "results.json"
    source.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    args = ["evaluate", str(source), "--out", str(out)]
    for setting in settings:
        args += ["--set", setting]
    call_command("eligibility", *args)
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.django_db
def test_spec_case_is_tekun_and_nothing_else(tmp_path):
    [result] = _evaluate(tmp_path, [SPEC_CASE])
    assert result["case_id"] == "c1"
    assert result["per_capita_income"] == 620.0
    tekun = result["programmes"]["tekun"]
    assert tekun == {
        "eligible": True,
        "monthly_amount": 1950,
        "members": ["m1"],
        "reasons": [
            "all_without_labour_capacity",
            "all_incomes_below_standard",
            "no_capable_supporter",
            "assets_pass",
        ],
        "pending": False,
        "missing_facts": [],
    }
    for programme in ("dibao", "dibao_single", "dibao_edge", "rigid_expenditure"):
        assert result["programmes"][programme] == {
            "eligible": False,
            "monthly_amount": 0,
            "reasons": ["covered_by_tekun"],
            "pending": False,
            "missing_facts": [],
        }
    assert result["parameters"]["dibao.standard"] == 1145
    assert result["parameters"]["dibao.edge_multiplier"] == 1.5
    assert result["parameters"]["tekun.basic"] == 1950
    assert result["parameter_sources"]["dibao.standard"] == "湖州市 2024 年标准"


@pytest.mark.django_db
def test_dibao_difference_with_exact_cents(tmp_path):
    couple = _case(
        has_capable_supporter=True,
        members=[
            _member(id="a", birth_date="1980-05-01", monthly_income=1000.10),
            _member(id="b", birth_date="1982-05-01", monthly_income=699.90),
        ],
    )
    [result] = _evaluate(tmp_path, [couple])
    assert result["per_capita_income"] == 850.0
    assert result["programmes"]["dibao"] == {
        "eligible": True,
        "monthly_amount": 590,
        "reasons": ["income_below_standard", "assets_pass"],
        "pending": False,
        "missing_facts": [],
    }


@pytest.mark.django_db
def test_set_overrides_a_parameter_for_this_run_only(tmp_path):
    case = _case(has_capable_supporter=True)
    [changed] = _evaluate(tmp_path, [case], "dibao.standard=1200")
    assert changed["programmes"]["dibao"]["monthly_amount"] == 580
    assert changed["parameters"]["dibao.standard"] == 1200
    assert changed["parameter_sources"]["dibao.standard"] == "测算设定值"
    [again] = _evaluate(tmp_path, [case])
    assert again["programmes"]["dibao"]["monthly_amount"] == 525


@pytest.mark.django_db
def test_set_reaches_every_region_and_date(tmp_path):
    cases = [
        _case(case_id="early", region="330482", as_of="2024-01-01", has_capable_supporter=True),
        _case(case_id="late", region="330500", as_of="2031-06-30", has_capable_supporter=True),
    ]
    results = _evaluate(tmp_path, cases, "dibao.standard=1000", "dibao.asset.max_dwellings=0")
    assert [r["programmes"]["dibao"]["reasons"] for r in results] == [
        ["income_below_standard", "dwellings_over_limit"],
        ["income_below_standard", "dwellings_over_limit"],
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("case", "field", "message"),
    [
        pytest.param("not a case", "", "每个案例应是一个 JSON 对象", id="not_object_case"),
        pytest.param(_case(case_id=""), "case_id", "缺少案例编号", id="no_id_case"),
        pytest.param(
            _case(region="110000"), "region", "行政区划 110000 没有参数", id="region_case"
        ),
        pytest.param(_case(as_of="2024/07/01"), "as_of", "日期应为 YYYY-MM-DD", id="as_of_case"),
        pytest.param(_case(members={}), "members", "应是一个列表", id="members_case"),
        pytest.param(
            _case(members=[_member(birth_date="2025-01-01")]),
            "members[0].birth_date",
            "出生日期晚于判定日期",
            id="born_later_case",
        ),
        pytest.param(
            _case(members=[_member(), _member()]),
            "members[1].id",
            "成员编号 m1 重复",
            id="dup_case",
        ),
        pytest.param(
            _case(members=[_member(monthly_income=-1)]),
            "members[0].monthly_income",
            "不小于 0",
            id="negative_case",
        ),
        pytest.param(
            _case(members=[_member(monthly_income=620.001)]),
            "members[0].monthly_income",
            "两位小数",
            id="third_decimal_case",
        ),
        pytest.param(
            _case(members=[{k: v for k, v in _member().items() if k != "monthly_income"}]),
            "members[0].monthly_income",
            "缺少月收入",
            id="missing_income_case",
        ),
        pytest.param(
            _case(members=[_member(status="abroad")]),
            "members[0].status",
            "居住状态",
            id="status_case",
        ),
        pytest.param(
            _case(members=[_member(disability_grade=5)]),
            "members[0].disability_grade",
            "1–4",
            id="grade_case",
        ),
        pytest.param(
            _case(members=[_member(disability_kind="blind")]),
            "members[0].disability_kind",
            "残疾类别",
            id="kind_case",
        ),
        pytest.param(
            _case(assets={"vehicles": [{"for_disability": False}]}),
            "assets.vehicles[0].value",
            "缺少金额",
            id="vehicle_case",
        ),
        pytest.param(
            _case(assets={"dwellings": 1.5}), "assets.dwellings", "整数", id="dwellings_case"
        ),
        pytest.param(
            _case(has_capable_supporter="no"),
            "has_capable_supporter",
            "true 或 false",
            id="flag_case",
        ),
    ],
)
def test_malformed_case_names_the_field_and_the_rest_are_judged(tmp_path, case, field, message):
    good = _case(case_id="good")
    results = _evaluate(tmp_path, [good, case, _case(case_id="after")])
    assert [r["case_id"] for r in results] == [
        "good",
        case.get("case_id") if isinstance(case, dict) else None,
        "after",
    ]
    assert "programmes" in results[0]
    assert "programmes" in results[2]
    assert results[1]["error"]["field"] == field
    assert message in results[1]["error"]["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("setting", "message"),
    [
        pytest.param("dibao.standrd=1200", "无法识别的参数设置 dibao.standrd=1200", id="name_case"),
        pytest.param("dibao.standard", "无法识别的参数设置", id="no_value_case"),
        pytest.param("dibao.standard=abc", "应为不小于 0 的数字", id="text_case"),
        pytest.param("dibao.standard=-5", "应为不小于 0 的数字", id="negative_case"),
    ],
)
def test_bad_set_is_refused_before_anything_is_written(tmp_path, setting, message):
    with pytest.raises(CommandError, match=message):
        _evaluate(tmp_path, [SPEC_CASE], setting)
    assert not (tmp_path / "results.json").exists()


@pytest.mark.django_db
def test_unreadable_files_are_named(tmp_path):
    with pytest.raises(CommandError, match="找不到案例文件"):
        call_command("eligibility", "evaluate", str(tmp_path / "none.json"), "--out", "x.json")
    broken = tmp_path / "broken.json"
    broken.write_text("[{", encoding="utf-8")
    with pytest.raises(CommandError, match="不是有效的 JSON：第 1 行"):
        call_command("eligibility", "evaluate", str(broken), "--out", str(tmp_path / "o.json"))
    single = tmp_path / "single.json"
    single.write_text(json.dumps(SPEC_CASE), encoding="utf-8")
    with pytest.raises(CommandError, match="应是一个 JSON 列表"):
        call_command("eligibility", "evaluate", str(single), "--out", str(tmp_path / "o.json"))


def test_decimal_amounts_are_read_exactly():
    from minzheng.eligibility.case_input import cases_read

    table, _positions, errors = cases_read(
        [_case(members=[_member(monthly_income=Decimal("1000.10"))])]
    )
    assert errors == []
    assert table.persons.monthly_income.tolist() == [1000.10]


@pytest.mark.django_db
def test_a_household_without_members_is_judged_not_refused(tmp_path):
    results = _evaluate(tmp_path, [_case(case_id="empty", members=[]), _case(case_id="c1")])
    empty = results[0]
    assert empty["per_capita_income"] == 0.0
    assert {p["reasons"][0] for p in empty["programmes"].values()} == {"no_resident_member"}
    assert not any(p["eligible"] for p in empty["programmes"].values())
    assert results[1]["programmes"]["tekun"]["eligible"]
