"""The Spark engine gives the same entities as DuckDB (opt-in: ``pytest -m spark --spark``)."""

import pyarrow as pa
import pytest

from minzheng_pipeline import LinkageSettings, link_records, link_to_reference

pytestmark = pytest.mark.spark

ADDRESS = "当湖街道东湖社区人民路12号东湖苑3幢2单元301室"
RECORDS = pa.table(
    {
        "source": ["police", "police", "medical", "medical", "electricity", "estate"],
        "record_id": ["P1", "P2", "M1", "M2", "D1", "E1"],
        "name": ["陈明", "李伟", "陳明", "李伟", "陈明", "赵建国"],
        "id_number": [
            "330482198003124017",
            "330482199001010010",
            "330482198003124917",  # a mistyped digit
            "330482199001010037",  # another 李伟 born the same day
            None,
            "330482550630123",
        ],
        "gender": ["男", "男", "男", "男", None, None],
        "birth_date": ["1980-03-12", "1990-01-01", "1980-03-12", "1990-01-01", None, None],
        "phone": ["13957312345", None, None, None, "13957312345", None],
        "address": [ADDRESS, None, None, None, "东湖苑3-2-301", None],
    }
)


def test_spark_and_duckdb_find_the_same_entities():
    duckdb = link_records(RECORDS, LinkageSettings(engine="duckdb")).entities
    spark = link_records(
        RECORDS, LinkageSettings(engine="spark", spark_master="local[2]", spark_driver_memory="1g")
    ).entities
    assert spark.equals(duckdb)
    entity = dict(
        zip(duckdb["record_id"].to_pylist(), duckdb["entity_id"].to_pylist(), strict=True)
    )
    assert entity["P1"] == entity["M1"] == entity["D1"]
    assert entity["P2"] != entity["M2"]


def test_link_to_reference_on_spark():
    reference = (
        RECORDS.filter(pa.compute.equal(RECORDS["source"], "police"))
        .rename_columns(["source", "reference_id", *RECORDS.column_names[2:]])
        .drop_columns(["source"])
    )
    records = RECORDS.drop_columns(["source"])
    settings = LinkageSettings(engine="spark", spark_master="local[2]", spark_driver_memory="1g")
    on_spark = link_to_reference(records, reference, settings=settings)
    on_duckdb = link_to_reference(records, reference)
    assert on_spark.select(["record_id", "reference_id"]).equals(
        on_duckdb.select(["record_id", "reference_id"])
    )
    assert on_spark["match_probability"].to_pylist() == pytest.approx(
        on_duckdb["match_probability"].to_pylist()
    )
