import pytest
from django.utils import translation

from minzheng.eligibility.services import cases_evaluate, result_explain
from minzheng.eligibility.tests.test_evaluate_command import _case, _member


@pytest.mark.django_db
def test_dibao_reasons_read_as_chinese_sentences_with_numbers_and_sources():
    [result] = cases_evaluate(cases=[_case(has_capable_supporter=True)])
    sentences = result_explain(result=result)
    assert sentences["dibao"] == [
        "家庭人均收入 620.00 元 低于 低保标准 1145 元（湖州市 2024 年标准）",
        "家庭财产符合规定：人均金融资产不超过 27480 元（24 个月低保标准），"
        "没有价值超过 50000 元的非残疾人功能性车辆，住房不超过 1 套（模型默认值）",
        "符合最低生活保障条件，月救助金额 525 元",
    ]
    assert sentences["tekun"][-1] == "不符合特困供养条件"
    assert "有具备赡养、扶养、抚养能力的法定义务人" in sentences["tekun"]


@pytest.mark.django_db
def test_failing_asset_and_edge_line_are_explained():
    case = _case(
        has_capable_supporter=True,
        assets={"financial": 0, "vehicles": [{"value": 80000, "for_disability": False}]},
        members=[_member(birth_date="1980-01-01", monthly_income=1500)],
    )
    [result] = cases_evaluate(cases=[case])
    sentences = result_explain(result=result)
    assert sentences["dibao_edge"] == [
        "家庭人均收入 1500.00 元 不低于 低保标准 1145 元（湖州市 2024 年标准）",
        "家庭人均收入 1500.00 元 低于 低保边缘线 1717.50 元（低保标准的 1.5 倍，国家规定 1.5 倍）",
        "有价值超过 50000 元的非残疾人功能性车辆（模型默认值）",
        "不符合低保边缘条件",
    ]


@pytest.mark.django_db
def test_what_if_values_are_cited_as_such():
    from minzheng.eligibility.services import parameter_settings_parse

    [result] = cases_evaluate(
        cases=[_case(has_capable_supporter=True)],
        settings=parameter_settings_parse(["dibao.standard=1200"]),
    )
    assert result_explain(result=result)["dibao"][0] == (
        "家庭人均收入 620.00 元 低于 低保标准 1200 元（测算设定值）"
    )


@pytest.mark.django_db
def test_english_interface_translates_the_sentences():
    [result] = cases_evaluate(cases=[_case(has_capable_supporter=True)])
    with translation.override("en"):
        first = result_explain(result=result)["dibao"][0]
    assert first.startswith("Per-capita household income 620.00")
