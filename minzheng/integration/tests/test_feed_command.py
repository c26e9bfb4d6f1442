"""``minzheng feed``: the same import from the command line, with its errors in Chinese."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from minzheng.integration.enums import ImportStatus
from minzheng.integration.models import FeedImport, SourceRecord
from minzheng.registry.tests.factories import MembershipFactory, PersonFactory, resident_id


def _run(*args: str) -> str:
    out = StringIO()
    call_command("feed", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_import_and_merge_print_counts_and_each_bad_row(db, tmp_path):
    born = dt.date(1958, 4, 12)
    person = PersonFactory(name="张建国", birth_date=born, id_number=resident_id(born))
    MembershipFactory(person=person)
    path = tmp_path / "canlian.csv"
    path.write_text(
        "record_id,name,id_number,category,grade\n"
        f"C1,张建国,{person.id_number},肢体,2\n"
        f"C2,张建国,{person.id_number},视力,二级\n",
        encoding="utf-8",
    )

    text = _run(
        "import", str(path), "--department", "disability", "--as-of", "2026-09-30", "--merge"
    )

    assert "2 行，有误 1，已匹配 1" in text
    assert "第 3 行：残疾等级“二级”不是有效的数字。" in text
    assert "入库完成：新增 1，变更 0，未变 0" in text
    assert SourceRecord.objects.get().person == person
    assert person.id_number not in text
    assert "2 行" in _run("list")


def test_a_file_whose_columns_do_not_fit_is_refused_and_not_kept(db, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="必须指定记录编号列"):
        _run("import", str(path), "--department", "police", "--as-of", "2026-09-30")
    assert FeedImport.objects.get().status == ImportStatus.DISCARDED


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2026-13-01"], "--as-of 应为 YYYY-MM-DD 格式的日期"),
        (["--as-of", "2026-09-30", "--user", "nobody"], "账号不存在或已停用：nobody"),
    ],
)
def test_bad_arguments_are_named_in_chinese(db, tmp_path, args, message):
    path = tmp_path / "x.csv"
    path.write_text("record_id,name\n1,张三\n", encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        _run("import", str(path), "--department", "police", *args)
    assert not FeedImport.objects.exists()


def test_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="无法读取文件"):
        _run(
            "import", str(tmp_path / "none.csv"), "--department", "police", "--as-of", "2026-09-30"
        )


def test_a_file_with_a_nul_byte_is_refused_naming_the_line(db, tmp_path):
    path = tmp_path / "canlian.csv"
    path.write_bytes("record_id,name\nC1,张建国\nC2,李\x00四\n".encode())
    with pytest.raises(CommandError, match="文件第 3 行含有空字符 \\(NUL\\)"):
        _run("import", str(path), "--department", "disability", "--as-of", "2026-09-30")
    assert FeedImport.objects.count() == 0
