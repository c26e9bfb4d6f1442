"""The 五型三色 expression on DuckDB, household by household."""

import ibis
import pandas as pd
import pytest

from minzheng.profiling.classify import INDICATORS, TYPES, profile_table
from minzheng.profiling.colours import Colour
from minzheng.profiling.signals import SIGNALS

S, EDGE = 1145.0, 1717.5


def _profile(members, **household):
    """One household of ``members`` (age, income, severe, can_work) and its facts."""
    persons = pd.DataFrame(
        [
            {"household": 0, "age": age, "income": income, "severe": severe, "can_work": work}
            for age, income, severe, work in members
        ]
    )
    facts = {
        "household": 0,
        "size": len(members),
        "income": sum(m[1] for m in members),
        "standard": S,
        "edge_line": EDGE,
        "rigid_annual": 0.0,
        "eligible_subsistence": False,
        "eligible_rigid": False,
        **dict.fromkeys(SIGNALS, 0),
        **household,
    }
    con = ibis.duckdb.connect()
    table = profile_table(
        con.create_table("p", persons), con.create_table("h", pd.DataFrame([facts]))
    ).to_pandas()
    if table.empty:
        return None
    row = table.iloc[0]
    return {
        "types": [t for i, t in enumerate(TYPES) if int(row.types) & (1 << i)],
        "primary": TYPES[int(row.primary)],
        "colour": Colour(int(row.colour)).code,
        "score": int(row.score),
        "reasons": [c for i, c in enumerate(INDICATORS) if int(row.reasons) & (1 << i)],
    }


def test_a_household_above_every_line_is_not_in_difficulty():
    assert _profile([(40, 6000.0, False, True), (38, 4000.0, False, True)]) is None


def test_a_poor_elderly_couple_is_subsistence_and_yellow():
    profile = _profile(
        [(70, 300.0, False, False), (68, 280.0, False, False)], eligible_subsistence=True
    )
    assert profile["types"] == ["subsistence"]
    assert (profile["colour"], profile["score"]) == ("yellow", 45)
    assert profile["reasons"] == [
        "income_below_standard",
        "income_below_edge_line",
        "no_labour_capacity_household",
        "eligible_subsistence",
    ]


def test_an_elder_living_alone_with_a_severe_disability_is_red_and_needs_care():
    profile = _profile([(84, 2500.0, True, False)])
    assert profile["types"] == ["care"]
    assert profile["colour"] == "red"  # a hard trigger, whatever the score (35)
    assert profile["score"] == 35 + 10


def test_a_recent_shock_makes_emergency_the_primary_type_and_red():
    """Domain §2.3: a 急难 event in the last 30 days is a hard red trigger."""
    members = [(45, 5000.0, False, True), (44, 3000.0, False, True)]
    assert _profile(members) is None
    profile = _profile(members, emergencies=1)
    assert profile["types"] == ["emergency"]
    assert (profile["primary"], profile["colour"]) == ("emergency", "red")
    assert profile["reasons"] == ["recent_emergency"]
    assert profile["score"] == 30


def test_children_without_an_adult_are_red():
    profile = _profile([(15, 0.0, False, False), (12, 0.0, False, False)])
    assert profile["colour"] == "red"
    assert "minors_without_adult" in profile["reasons"]
    assert profile["primary"] == "subsistence"
    assert profile["types"] == ["subsistence", "care"]


@pytest.mark.parametrize(
    ("rigid", "types", "colour"),
    [
        pytest.param(4000.0, [], None, id="small_spending_case"),
        pytest.param(20000.0, ["rigid"], "red", id="big_bill_case"),
    ],
)
def test_medical_spending_makes_rigid_and_red_when_it_eats_the_income(rigid, types, colour):
    profile = _profile([(45, 2000.0, False, True)], rigid_annual=rigid)
    if not types:
        assert profile is None
        return
    assert profile["types"] == types
    assert profile["colour"] == colour  # 2000 − 20000 / 12 = 333 < 0.5 × 1145
    assert "income_after_rigid_very_low" in profile["reasons"]


def test_an_idle_adult_in_a_poor_family_is_development():
    profile = _profile([(35, 0.0, False, True), (33, 1500.0, False, True)])
    assert profile["types"] == ["subsistence", "development"]
    assert profile["primary"] == "subsistence"
    assert "working_age_without_income" in profile["reasons"]


@pytest.mark.parametrize(
    ("signal", "indicator"),
    [
        pytest.param("arrears", "utility_arrears", id="housing_case"),
        pytest.param("exited", "exited_recently", id="exited_case"),
        pytest.param("refused", "refused_recently", id="refused_case"),
    ],
)
def test_housing_and_source_signals_add_their_reason_and_weight(signal, indicator):
    """Domain §2.4 居住 and 对象来源: each adds 10 points and names itself among the reasons."""
    members = [(70, 300.0, False, False), (68, 280.0, False, False)]
    plain = _profile(members, eligible_subsistence=True)
    flagged = _profile(members, eligible_subsistence=True, **{signal: 1})
    assert flagged["score"] == plain["score"] + 10
    assert set(flagged["reasons"]) - set(plain["reasons"]) == {indicator}
    assert (flagged["colour"], flagged["types"]) == ("yellow", ["subsistence"])
