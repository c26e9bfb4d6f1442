"""``minzheng caseload import``: counts out, errors named by row, nothing half-merged."""

import pytest
from django.core.management import CommandError, call_command

from minzheng.cases.models import CaseloadEntry, CaseloadReview
from minzheng.cases.tests.caseload.conftest import roll, roll_row


def test_a_roll_file_is_imported_and_compared(tmp_path, good_roll, capsys):
    path = tmp_path / "zaice.csv"
    path.write_bytes(good_roll)

    call_command("caseload", "import", str(path), "--as-of", "2026-10-31")

    out = capsys.readouterr().out
    assert "6 行，有误 0" in out
    assert "在册对象 6 条" in out
    assert "待复核 2 项" in out
    assert CaseloadEntry.objects.count() == 6
    assert CaseloadReview.objects.count() == 2


def test_invalid_rows_are_named_and_nothing_goes_in(tmp_path, recipients, capsys):
    path = tmp_path / "zaice.csv"
    path.write_bytes(
        roll(
            roll_row("ZC001", recipients["agreed"], "低保", "145"),
            roll_row("ZC002", recipients["overpaid"], "低保", "六百"),
        )
    )

    with pytest.raises(CommandError, match="未入库任何数据"):
        call_command("caseload", "import", str(path), "--as-of", "2026-10-31")

    assert "第 3 行：保障金额“六百”不是有效的数字。" in capsys.readouterr().out
    assert not CaseloadEntry.objects.exists()

    call_command("caseload", "import", str(path), "--as-of", "2026-10-31", "--skip-invalid")
    assert list(CaseloadEntry.objects.values_list("record_id", flat=True)) == ["ZC001"]


def test_a_file_without_the_roll_columns_is_refused_in_chinese(tmp_path, db):
    path = tmp_path / "zaice.csv"
    path.write_bytes("姓名,金额\n张三,100\n".encode())
    with pytest.raises(CommandError, match="列对应关系有误"):
        call_command("caseload", "import", str(path), "--as-of", "2026-10-31")
