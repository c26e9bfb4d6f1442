import pytest

from minzheng_pipeline import SourceError, SourceProblem
from minzheng_pipeline.steps.ingest import read_sources


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_sources_are_named_by_stem_and_empty_cells_are_missing(tmp_path):
    police = write(tmp_path / "police.csv", "record_id,name,id_number,plate\nP1,张伟,,浙F1\n")
    power = write(tmp_path / "electricity.csv", "\ufeffrecord_id,name,phone\nD1,李娜,139\n")
    table = read_sources([police, power])
    assert table.column("source").to_pylist() == ["police", "electricity"]
    assert table.column("id_number").to_pylist() == [None, None]
    assert table.column("phone").to_pylist() == [None, "139"]
    assert "plate" not in table.column_names


def test_ids_keep_their_leading_zeros_and_letters(tmp_path):
    source = write(tmp_path / "a.csv", "record_id,id_number\n007,01234x\n")
    table = read_sources([source])
    assert table.column("record_id").to_pylist() == ["007"]
    assert table.column("id_number").to_pylist() == ["01234x"]


@pytest.mark.parametrize(
    ("text", "problem", "message"),
    [
        ("name,phone\n张伟,139\n", SourceProblem.NO_RECORD_ID, "缺少 record_id 列"),
        ("record_id,plate\nP1,浙F1\n", SourceProblem.NO_LINKAGE_COLUMN, "没有可用于匹配的列"),
        ("record_id,name\nP1,张伟\nP1,李娜\n", SourceProblem.DUPLICATE_RECORD_ID, "重复"),
        ("record_id,name\n,张伟\n", SourceProblem.EMPTY_RECORD_ID, "为空"),
    ],
)
def test_malformed_sources_are_refused_in_chinese(tmp_path, text, problem, message):
    source = write(tmp_path / "bad.csv", text)
    with pytest.raises(SourceError) as caught:
        read_sources([source])
    assert caught.value.problem == problem
    assert message in caught.value.message
    assert "bad.csv" in caught.value.message


def test_a_missing_file(tmp_path):
    with pytest.raises(SourceError, match="不存在"):
        read_sources([tmp_path / "nowhere.csv"])


def test_a_file_that_is_not_utf8(tmp_path):
    source = tmp_path / "gbk.csv"
    source.write_bytes("record_id,name\nP1,张伟\n".encode("gbk"))
    with pytest.raises(SourceError) as caught:
        read_sources([source])
    assert caught.value.problem == SourceProblem.UNREADABLE


def test_two_files_with_one_stem(tmp_path):
    (tmp_path / "x").mkdir()
    first = write(tmp_path / "police.csv", "record_id,name\nP1,张伟\n")
    second = write(tmp_path / "x" / "police.csv", "record_id,name\nP2,李娜\n")
    with pytest.raises(SourceError) as caught:
        read_sources([first, second])
    assert caught.value.problem == SourceProblem.DUPLICATE_SOURCE


def test_a_ragged_row_is_reported_without_its_content(tmp_path):
    source = write(tmp_path / "ragged.csv", "record_id,name\nP1,张伟\nP2,李娜,多余\n")
    with pytest.raises(SourceError) as caught:
        read_sources([source])
    assert "列数与表头不一致" in caught.value.message
    assert "李娜" not in caught.value.message


def test_a_header_with_quoted_names_as_spreadsheets_write_it(tmp_path):
    source = write(
        tmp_path / "canlian.csv", '"record_id","name","address"\n"C1","王芳","东湖苑, 3幢"\n'
    )
    table = read_sources([source])
    assert table.column("record_id").to_pylist() == ["C1"]
    assert table.column("address").to_pylist() == ["东湖苑, 3幢"]
