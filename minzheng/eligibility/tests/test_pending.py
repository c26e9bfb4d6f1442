"""待核对: a fact nobody verified is never read as 0 or 否 (issue 12 §3)."""

import pytest

from minzheng.eligibility.services import cases_evaluate, result_explain
from minzheng.eligibility.tests.test_evaluate_command import _case, _member

ELDER = _member(birth_date="1950-01-01", monthly_income=300)


def _unverified(**changes):
    facts = {
        "members": [ELDER],
        "support_received_monthly": None,
        "has_capable_supporter": None,
        "assets": {"financial": None, "vehicles": [], "dwellings": 1},
    }
    return _case(**(facts | changes))


@pytest.mark.django_db
def test_an_elder_with_unverified_facts_is_pending_for_tekun_not_eligible():
    [result] = cases_evaluate(cases=[_unverified()])
    tekun = result["programmes"]["tekun"]
    assert tekun["eligible"] is False
    assert tekun["monthly_amount"] == 0
    assert tekun["pending"] is True
    assert tekun["missing_facts"] == ["assets.financial", "has_capable_supporter"]
    # 低保 waits for 特困 (its precedence) and for the support received.
    assert result["programmes"]["dibao"]["pending"] is True
    assert set(result["programmes"]["dibao"]["missing_facts"]) == {
        "assets.financial",
        "support_received_monthly",
        "has_capable_supporter",
    }


@pytest.mark.django_db
def test_the_pending_sentence_names_the_missing_facts_in_chinese():
    [result] = cases_evaluate(cases=[_unverified()])
    sentences = result_explain(result=result)["tekun"]
    assert sentences[-1] == (
        "待核对：家庭金融资产（银行存款、理财）、有无具备赡养（扶养、抚养）能力的法定义务人"
        "未经部门核对，也没有家庭申报记录，暂不能判定是否符合特困供养条件"
    )
    # Nothing is asserted about the assumed values: no "没有…义务人", no asset sentence.
    assert not any("义务人" in s and not s.startswith("待核对") for s in sentences)
    assert not any("家庭财产符合规定" in s for s in sentences)
    assert not any(s.startswith("符合") for s in sentences)


@pytest.mark.django_db
def test_declared_values_decide_and_an_income_over_the_standard_needs_no_wait():
    declared = _case(
        members=[ELDER],
        support_received_monthly=0,
        has_capable_supporter=False,
        assets={"financial": 0, "vehicles": [], "dwellings": 1},
    )
    rich = _unverified(members=[_member(birth_date="1950-01-01", monthly_income=5000)])
    [decided, refused] = cases_evaluate(cases=[declared, rich])
    assert decided["programmes"]["tekun"]["eligible"] is True
    assert decided["programmes"]["tekun"]["pending"] is False
    assert decided["programmes"]["tekun"]["monthly_amount"] > 0
    # 本人收入 above the standard rules 特困 out whatever the unverified facts turn out to be.
    tekun = refused["programmes"]["tekun"]
    assert (tekun["eligible"], tekun["pending"], tekun["missing_facts"]) == (False, False, [])
    assert "member_income_not_below_standard" in tekun["reasons"]
