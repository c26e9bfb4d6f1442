import duckdb
import pyarrow as pa

from minzheng_pipeline.steps.block import blocked_pairs_sql, blocking_keys_sql
from minzheng_pipeline.steps.standardise import standardise


def pairs(rows: list[tuple[str | None, ...]], rules) -> set[tuple[int, int]]:
    columns = ("name", "id_number", "birth_date", "phone")
    table = pa.table(
        {
            "source": ["s"] * len(rows),
            "record_id": [str(i) for i in range(len(rows))],
            **{c: pa.array([r[i] for r in rows], pa.string()) for i, c in enumerate(columns)},
        }
    )
    connection = duckdb.connect()
    connection.register("features", standardise(table))
    connection.execute("CREATE TABLE keys AS " + blocking_keys_sql("features", "hash", rules))
    found = connection.execute(blocked_pairs_sql("keys", rules=rules)).fetchall()
    return {(left, right) for _, left, right in found}


def test_a_pair_agreeing_on_any_rule_is_a_candidate_once():
    rules = [("id_number",), ("name_key", "birth_date")]
    rows = [
        ("张伟", "11010519491231002X", "1949-12-31", None),
        ("张伟", "110105491231002", "1949-12-31", None),  # both rules
        ("张伟", None, "1949-12-31", None),  # the second only
        ("李娜", None, None, None),  # none
    ]
    assert pairs(rows, rules) == {(0, 1), (0, 2), (1, 2)}


def test_nulls_never_agree():
    rules = [("name_key", "phone")]
    assert pairs([("张伟", None, None, None), ("张伟", None, None, None)], rules) == set()


def test_two_different_valid_ids_are_never_paired_by_a_weak_rule():
    rules = [("id_number",), ("name_key", "birth_date")]
    rows = [
        ("李伟", "330482199001010010", "1990-01-01", None),
        ("李伟", "330482199001010037", "1990-01-01", None),
        ("李伟", "330482199001010019", "1990-01-01", None),  # a typo: its check fails
    ]
    assert pairs(rows, rules) == {(0, 2), (1, 2)}
