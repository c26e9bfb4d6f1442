"""End-to-end linkage of small hand-written cases, on DuckDB with the bundled model.

Each case is a few records a clerk could have typed. The IDs are valid resident IDs of a
fictitious 平湖 resident (area 330482) unless a case is about a broken one.
"""

import pyarrow as pa
import pytest

from minzheng_pipeline import LinkageSettings, link_records

# Valid 18-digit IDs (check character computed by GB 11643-1999).
CHEN = "330482198003124017"  # 陈丽华's brother, born 1980-03-12
CHEN_OTHER = "330482198003124033"  # another man born the same day
WANG = "330482198511072225"
ZHAO = "330482195506301237"
ZHAO_15 = "330482550630123"  # the same number in its first-generation form
LI_A = "330482199001010010"
LI_B = "330482199001010037"
ZHOU = "330482196211085519"
LIU = "330482197802151121"

COLUMNS = ("source", "record_id", "name", "id_number", "gender", "birth_date", "phone", "address")


def table(*rows: tuple[str | None, ...]) -> pa.Table:
    return pa.table(
        {name: pa.array([row[i] for row in rows], pa.string()) for i, name in enumerate(COLUMNS)}
    )


def entities(records: pa.Table) -> dict[str, str]:
    result = link_records(records, LinkageSettings())
    rows = result.entities.to_pylist()
    return {f"{row['source']}:{row['record_id']}": row["entity_id"] for row in rows}


def test_one_mistyped_digit_in_the_id():
    found = entities(
        table(
            ("police", "P1", "陈明", CHEN, "男", "1980-03-12", "13957312345", None),
            (
                "medical",
                "M1",
                "陈明",
                "330482198003124917",
                "男",
                "1980-03-12",
                "13957312345",
                None,
            ),
        )
    )
    assert found["police:P1"] == found["medical:M1"]


def test_two_transposed_digits_in_the_id():
    found = entities(
        table(
            ("police", "P1", "王芳", WANG, "女", "1985-11-07", None, None),
            ("social", "S1", "王芳", "330482198511702225", "女", "1985-11-07", None, None),
        )
    )
    assert found["police:P1"] == found["social:S1"]


def test_a_15_digit_id_is_the_same_person_as_its_18_digit_form():
    found = entities(
        table(
            ("police", "P1", "赵建国", ZHAO, "男", "1955-06-30", None, None),
            ("estate", "E1", "赵建国", ZHAO_15, None, None, "13857300001", None),
        )
    )
    assert found["police:P1"] == found["estate:E1"]


def test_traditional_characters_and_a_lower_case_x():
    found = entities(
        table(
            ("police", "P1", "刘丽华", LIU, "女", "1978-02-15", "13600001111", None),
            ("medical", "M1", "劉麗華", LIU.lower(), "女", "1978-02-15", None, None),
        )
    )
    assert found["police:P1"] == found["medical:M1"]


def test_a_homophone_in_the_given_name_without_an_id():
    found = entities(
        table(
            ("police", "P1", "周明", ZHOU, "男", "1962-11-08", "13700002222", None),
            ("medical", "M1", "周铭", None, "男", "1962-11-08", "13700002222", None),
        )
    )
    assert found["police:P1"] == found["medical:M1"]


def test_an_electricity_account_without_id_links_by_name_phone_and_door_plate():
    found = entities(
        table(
            (
                "police",
                "P1",
                "陈明",
                CHEN,
                "男",
                "1980-03-12",
                "13957312345",
                "当湖街道东湖社区人民路12号东湖苑3幢2单元301室",
            ),
            ("electricity", "D1", "陈明", None, None, None, "13957312345", "东湖苑3-2-301附近"),
        )
    )
    assert found["police:P1"] == found["electricity:D1"]


def test_an_account_in_the_heads_name_does_not_take_the_child_sharing_phone_and_flat():
    address = "当湖街道东湖社区人民路12号东湖苑3幢2单元301室"
    found = entities(
        table(
            ("police", "P1", "陈明", CHEN, "男", "1980-03-12", "13957312345", address),
            ("police", "P2", "陈子涵", "330482201005200049", "女", "2010-05-20", None, address),
            ("electricity", "D1", "陈明", None, None, None, "13957312345", address),
            ("electricity", "D2", "陈明", None, None, None, "13957312345", address),
        )
    )
    assert found["police:P1"] == found["electricity:D1"] == found["electricity:D2"]
    assert found["police:P2"] != found["police:P1"]


def test_a_record_entered_twice_in_one_source_is_one_person():
    found = entities(
        table(
            ("medical", "M1", "王芳", WANG, "女", "1985-11-07", "13500003333", None),
            ("medical", "M2", "王芳", None, "女", "1985-11-07", "13500003333", None),
            ("medical", "M3", "李娜", LI_A, "女", "1990-01-01", None, None),
        )
    )
    assert found["medical:M1"] == found["medical:M2"]
    assert found["medical:M3"] != found["medical:M1"]


def test_two_people_with_one_name_and_birth_date_stay_apart():
    found = entities(
        table(
            (
                "police",
                "P1",
                "李伟",
                LI_A,
                "男",
                "1990-01-01",
                "13900000001",
                "钱家村1组费家角18号",
            ),
            ("police", "P2", "李伟", LI_B, "男", "1990-01-01", "13900000002", "王店村3组夏家兜7号"),
            ("medical", "M1", "李伟", LI_A, "男", "1990-01-01", "13900000001", None),
            ("medical", "M2", "李伟", LI_B, "男", "1990-01-01", None, None),
        )
    )
    assert found["police:P1"] == found["medical:M1"]
    assert found["police:P2"] == found["medical:M2"]
    assert found["police:P1"] != found["police:P2"]


def test_a_weak_record_does_not_bridge_two_people_with_valid_ids():
    # M3 has only a name and a birth date: it fits both men. It may join one of them, but it
    # must never make the two one entity.
    found = entities(
        table(
            ("police", "P1", "陈明", CHEN, "男", "1980-03-12", "13900000011", None),
            ("police", "P2", "陈明", CHEN_OTHER, "男", "1980-03-12", "13900000022", None),
            ("medical", "M3", "陈明", None, "男", "1980-03-12", None, None),
        )
    )
    assert found["police:P1"] != found["police:P2"]


def test_latin_script_names_and_other_identifiers():
    found = entities(
        table(
            (
                "a",
                "A1",
                "michaela neumann",
                "5304218",
                None,
                "19151111",
                None,
                "8 stanley street miami 4223 nsw",
            ),
            (
                "b",
                "B1",
                "neumann michaela",
                "5304281",
                None,
                "19151111",
                None,
                "8 stanley st miami 4223 nsw",
            ),
            (
                "a",
                "A2",
                "courtney painter",
                "4066625",
                None,
                "19161214",
                None,
                "12 pinkerton circuit 4560 vic",
            ),
        )
    )
    assert found["a:A1"] == found["b:B1"]
    assert found["a:A2"] != found["a:A1"]


def test_entity_ids_are_stable_and_cover_every_record():
    records = table(
        ("police", "P1", "王芳", WANG, "女", "1985-11-07", None, None),
        ("police", "P2", "赵建国", ZHAO, "男", "1955-06-30", None, None),
        ("estate", "E1", "赵建国", ZHAO_15, None, None, None, None),
    )
    first = link_records(records).entities
    second = link_records(records).entities
    assert first.equals(second)
    assert first.num_rows == 3
    assert first.column_names == ["source", "record_id", "entity_id"]


@pytest.mark.parametrize("rows", [0, 1])
def test_empty_and_single_inputs(rows):
    records = table(*[("police", "P1", "王芳", WANG, "女", "1985-11-07", None, None)][:rows])
    result = link_records(records)
    assert result.entities.num_rows == rows
    assert result.entity_count == rows


def test_the_output_csv_quotes_only_when_a_value_needs_it(tmp_path):
    import csv

    from minzheng_pipeline.link import write_entities

    plain = pa.table({"source": ["a"], "record_id": ["1"], "entity_id": ["E000000000"]})
    write_entities(plain, tmp_path / "plain.csv")
    assert (tmp_path / "plain.csv").read_text() == "source,record_id,entity_id\na,1,E000000000\n"
    awkward = pa.table({"source": ["a"], "record_id": ['1,"2"'], "entity_id": ["E000000000"]})
    write_entities(awkward, tmp_path / "awkward.csv")
    with (tmp_path / "awkward.csv").open(newline="") as handle:
        assert list(csv.reader(handle))[1] == ["a", '1,"2"', "E000000000"]
