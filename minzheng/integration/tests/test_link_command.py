"""``minzheng link``: small CSV files in, ``source,record_id,entity_id`` out."""

import csv
import importlib.util
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ADDRESS = "当湖街道东湖社区人民路12号东湖苑3幢2单元301室"
POLICE = (
    "record_id,name,id_number,gender,birth_date,phone,address,relation\n"
    f"GA1,陈明,330482198003124017,男,1980-03-12,13957312345,{ADDRESS},户主\n"
    "GA2,李伟,330482199001010010,男,1990-01-01,13900000001,钱家村1组费家角18号,户主\n"
    "GA3,李伟,330482199001010037,男,1990-01-01,13900000002,王店村3组夏家兜7号,户主\n"
)
MEDICAL = (
    "record_id,name,id_number,gender,birth_date,phone\n"
    "YB1,陳明,330482198003124917,男,1980-03-12,\n"  # 繁体 and a mistyped digit
    "YB2,李伟,330482199001010037,男,1990-01-01,\n"
    "YB3,李伟,,男,1990-01-01,13900000001\n"  # no ID
)
ELECTRICITY = "record_id,name,phone,address\nDL1,陈明,13957312345,东湖苑3-2-301\n"
RUN_CLI = "from minzheng.cli import main; main()"
PERSONAL = ("陈明", "陳明", "李伟", "330482198003124017", "13957312345", "东湖苑")


@pytest.fixture
def sources(tmp_path: Path) -> list[Path]:
    paths = []
    for name, text in (("police", POLICE), ("medical", MEDICAL), ("electricity", ELECTRICITY)):
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def run(*args: object) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("link", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def read_entities(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["source", "record_id", "entity_id"]
    return {f"{row['source']}:{row['record_id']}": row["entity_id"] for row in rows}


def test_links_sources_and_writes_one_entity_per_record(sources, tmp_path):
    out = tmp_path / "entities.csv"
    stdout, stderr = run(*sources, "--out", out)
    entity = read_entities(out)
    assert len(entity) == 7
    assert entity["police:GA1"] == entity["medical:YB1"] == entity["electricity:DL1"]
    assert entity["police:GA3"] == entity["medical:YB2"]
    assert entity["police:GA2"] == entity["medical:YB3"]
    assert entity["police:GA2"] != entity["police:GA3"]
    assert "记录合计 7 条，识别为 3 人" in stdout
    assert "[1/6] 读取数据源" in stderr
    assert "[6/6] 写出结果" in stderr


def test_output_holds_counts_and_timings_but_no_personal_data(sources, tmp_path):
    stdout, stderr = run(*sources, "--out", tmp_path / "entities.csv")
    for value in PERSONAL:
        assert value not in stdout
        assert value not in stderr


def test_no_progress_keeps_stderr_quiet(sources, tmp_path):
    _, stderr = run(*sources, "--out", tmp_path / "entities.csv", "--no-progress")
    assert stderr == ""


def test_a_missing_file_is_reported_in_chinese(sources, tmp_path):
    with pytest.raises(CommandError, match=r"文件 .*nowhere\.csv 不存在"):
        run(sources[0], tmp_path / "nowhere.csv", "--out", tmp_path / "entities.csv")


def test_a_file_without_record_id_is_reported_in_chinese(sources, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,phone\n陈明,13957312345\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"文件 .*bad\.csv 缺少 record_id 列"):
        run(sources[0], bad, "--out", tmp_path / "entities.csv")
    assert not (tmp_path / "entities.csv").exists()


def test_repeated_record_ids_are_refused(sources, tmp_path):
    bad = tmp_path / "dup.csv"
    bad.write_text("record_id,name\nA,陈明\nA,李伟\n", encoding="utf-8")
    with pytest.raises(CommandError, match="record_id 有 1 个重复值"):
        run(bad, "--out", tmp_path / "entities.csv")


def test_an_output_directory_that_does_not_exist(sources, tmp_path):
    with pytest.raises(CommandError, match=r"输出目录 .* 不存在"):
        run(*sources, "--out", tmp_path / "missing" / "entities.csv")


def test_the_output_may_not_overwrite_a_source(sources):
    with pytest.raises(CommandError, match="不能是数据源文件之一"):
        run(*sources, "--out", sources[0])


@pytest.mark.skipif(
    importlib.util.find_spec("pyspark") is not None, reason="PySpark is installed here"
)
def test_the_spark_engine_without_pyspark_fails_clearly(sources, tmp_path):
    with pytest.raises(CommandError, match="无法启动 spark 引擎"):
        run(*sources, "--out", tmp_path / "entities.csv", "--engine", "spark")


def test_the_command_exits_non_zero_on_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name\n陈明\n", encoding="utf-8")
    completed = subprocess.run(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-c", RUN_CLI, "link", str(bad), "--out", str(tmp_path / "o.csv")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        timeout=120,
        check=False,
    )
    assert completed.returncode != 0
    assert "缺少 record_id 列" in completed.stderr
