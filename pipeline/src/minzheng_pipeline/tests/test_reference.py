"""``link_to_reference``: feed records against registry persons, with clerks' decisions."""

import pyarrow as pa
import pytest

from minzheng_pipeline import (
    AUTO_MATCH_PROBABILITY,
    REVIEW_PROBABILITY,
    ReferenceInputError,
    link_to_reference,
)
from minzheng_pipeline.contracts import REFERENCE_MATCH_SCHEMA

ADDRESS = "当湖街道东湖社区人民路12号东湖苑3幢2单元301室"
# The registry: clean data, canonical addresses.
REFERENCE = pa.table(
    {
        "reference_id": [
            "8f1c0b5e-0000-4000-8000-000000000001",
            "8f1c0b5e-0000-4000-8000-000000000002",
            "8f1c0b5e-0000-4000-8000-000000000003",
            "8f1c0b5e-0000-4000-8000-000000000004",
        ],
        "name": ["陈明", "陈子涵", "李伟", "李伟"],
        "id_number": [
            "330482198003124017",
            "330482201005200049",
            "330482199001010010",
            "330482199001010037",
        ],
        "gender": ["男", "女", "男", "男"],
        "birth_date": ["1980-03-12", "2010-05-20", "1990-01-01", "1990-01-01"],
        "phone": ["13957312345", None, "13900000001", "13900000002"],
        "address": [ADDRESS, ADDRESS, "钱家村1组费家角18号", "王店村3组夏家兜7号"],
    }
)
CHEN, CHILD, LI_A, LI_B = REFERENCE.column("reference_id").to_pylist()


def records(*rows: tuple[str | None, ...]) -> pa.Table:
    names = ("record_id", "name", "id_number", "gender", "birth_date", "phone", "address")
    return pa.table({n: pa.array([r[i] for r in rows], pa.string()) for i, n in enumerate(names)})


def best(result: pa.Table) -> dict[str, tuple[str, float]]:
    return {
        row["record_id"]: (row["reference_id"], row["match_probability"])
        for row in result.to_pylist()
    }


FEED = records(
    ("GA1", "陈明", "330482198003124017", "男", "1980-03-12", "13957312345", ADDRESS),
    ("GA2", "陳明", "330482198003124917", "", "", None, None),  # 繁体 and a typo
    ("DL1", "陈明", None, None, None, "13957312345", "东湖苑3-2-301"),  # electricity
    ("GA3", "李伟", "330482199001010037", "male", "1990-01-01", None, None),
    ("GA4", "王五", "330482197001010011", "男", "1970-01-01", None, None),  # not registered
)


def test_each_record_gets_its_best_registry_person():
    found = best(link_to_reference(FEED, REFERENCE))
    assert found["GA1"][0] == CHEN
    assert found["GA1"][1] >= AUTO_MATCH_PROBABILITY
    assert found["GA2"][0] == CHEN
    assert found["DL1"][0] == CHEN
    assert found["DL1"][1] >= REVIEW_PROBABILITY
    assert found["GA3"][0] == LI_B  # not the other 李伟 born the same day
    assert found["GA3"][1] >= AUTO_MATCH_PROBABILITY
    assert "GA4" not in found or found["GA4"][1] < REVIEW_PROBABILITY


def test_the_result_has_the_contract_schema():
    result = link_to_reference(FEED, REFERENCE)
    assert result.schema == REFERENCE_MATCH_SCHEMA
    assert len(set(result.column("record_id").to_pylist())) == result.num_rows


def test_an_approved_pair_comes_out_certain_even_if_the_model_disagrees():
    decisions = pa.table(
        {"record_id": ["GA4"], "reference_id": [LI_A], "is_match": pa.array([True])}
    )
    found = best(link_to_reference(FEED, REFERENCE, decisions=decisions))
    assert found["GA4"] == (LI_A, 1.0)


def test_a_rejected_pair_is_never_returned_and_the_next_best_may_be():
    decisions = pa.table(
        {"record_id": ["GA3"], "reference_id": [LI_B], "is_match": pa.array([False])}
    )
    found = best(link_to_reference(FEED, REFERENCE, decisions=decisions))
    assert found.get("GA3", (None, 0.0))[0] != LI_B


def test_decisions_about_other_records_change_nothing():
    decisions = pa.table(
        {"record_id": ["ELSEWHERE"], "reference_id": [CHEN], "is_match": pa.array([True])}
    )
    plain = link_to_reference(FEED, REFERENCE)
    decided = link_to_reference(FEED, REFERENCE, decisions=decisions)
    assert plain.equals(decided)


def test_empty_inputs_give_an_empty_result():
    assert link_to_reference(FEED.slice(0, 0), REFERENCE).num_rows == 0
    assert link_to_reference(FEED, REFERENCE.slice(0, 0)).num_rows == 0


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (pa.table({"name": ["陈明"]}), "no record_id"),
        (pa.table({"record_id": ["A", "A"], "name": ["陈明", "李伟"]}), "repeated"),
        (pa.table({"record_id": pa.array([None], pa.string())}), "empty"),
    ],
)
def test_malformed_records_are_refused(table, message):
    with pytest.raises(ReferenceInputError, match=message):
        link_to_reference(table, REFERENCE)


def test_a_record_that_fits_two_registry_persons_equally_goes_to_a_clerk():
    # Two 李伟 born the same day are in the registry; a record with nothing but the name,
    # gender and birth date cannot tell them apart, however well it fits each of them.
    result = best(
        link_to_reference(records(("RS9", "李伟", None, "男", "1990-01-01", None, None)), REFERENCE)
    )
    person, probability = result["RS9"]
    assert person in {LI_A, LI_B}
    assert REVIEW_PROBABILITY <= probability < AUTO_MATCH_PROBABILITY


def test_the_phone_number_points_to_the_right_one_of_the_two():
    result = best(
        link_to_reference(
            records(("DL9", "李伟", None, None, "1990-01-01", "13900000002", None)), REFERENCE
        )
    )
    assert result["DL9"][0] == LI_B
    assert result["DL9"][1] > 0.9
