"""``minzheng address match``: files in, files out, Chinese errors for bad input."""

import csv

import pytest
from django.core.management import CommandError, call_command
from minzheng_pipeline.tests.test_address_matching import REFERENCE


def _write(path, header, rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def test_command_writes_matches(tmp_path) -> None:
    reference, queries, out = tmp_path / "ref.csv", tmp_path / "in.csv", tmp_path / "out.csv"
    _write(reference, ["address_id", "address"], REFERENCE)
    _write(
        queries,
        ["record_id", "address"],
        [
            ("r1", "东湖苑3-2-301附近"),
            ("r2", "九里亭村3组沈家浜128号"),
            ("r3", "九里亭村三队沈家浜126号"),
        ],
    )
    call_command(
        "address", "match", "--reference", str(reference), "--input", str(queries),
        "--out", str(out), "--no-progress",
    )  # fmt: skip
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["record_id", "address_id", "score"]
    assert [row[:2] for row in rows[1:]] == [["r1", "FLAT"], ["r2", ""], ["r3", "HOUSE"]]
    assert rows[2][2] == "0"
    assert len(rows[1][2].split(".")[1]) == 3


def test_command_rejects_missing_column(tmp_path) -> None:
    reference, queries, out = tmp_path / "ref.csv", tmp_path / "in.csv", tmp_path / "out.csv"
    _write(reference, ["address_id", "address"], REFERENCE)
    _write(queries, ["id", "address"], [("r1", "东湖苑3-2-301")])
    with pytest.raises(CommandError, match=r"待匹配文件 .*in\.csv 缺少列：record_id"):
        call_command(
            "address", "match", "--reference", str(reference), "--input", str(queries),
            "--out", str(out), "--no-progress",
        )  # fmt: skip
    assert not out.exists()


def test_command_rejects_missing_file(tmp_path) -> None:
    with pytest.raises(CommandError, match="找不到参考地址文件"):
        call_command(
            "address", "match", "--reference", str(tmp_path / "none.csv"),
            "--input", str(tmp_path / "in.csv"), "--out", str(tmp_path / "out.csv"),
        )  # fmt: skip
