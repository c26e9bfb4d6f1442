"""``minzheng payments`` as a county's scheduled job runs it, with the pages' checks."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from minzheng.payments.enums import BatchStatus
from minzheng.payments.models import PaymentBatch

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("payments", *args, stdout=out)
    return out.getvalue()


def test_a_batch_through_its_steps_by_three_people(roll, preparer, checker, approver, tmp_path):
    assert "已制单 FF202701-01（月度发放）：3 笔，合计 1670.00 元" in _run(
        "prepare", "--month", "2027-01", "--user", preparer.username
    )
    with pytest.raises(CommandError, match="三个不同的人"):
        _run("check", "FF202701-01", "--agree", "--note", "自己复核", "--user", preparer.username)
    _run("check", "FF202701-01", "--agree", "--note", "核对无误", "--user", checker.username)
    _run("approve", "FF202701-01", "--agree", "--note", "同意", "--user", approver.username)
    out = tmp_path / "bank.txt"
    printed = _run(
        "export",
        "FF202701-01",
        "--bank",
        "fixed_gbk",
        "--out",
        str(out),
        "--user",
        preparer.username,
    )
    assert "SHA-256" in printed
    assert out.read_bytes().startswith(b"HFF202701-01")
    assert PaymentBatch.objects.get().status == BatchStatus.EXPORTED


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("prepare", "--month", "2027-13"), "--month 应为 YYYY-MM"),
        (("check", "FF209901-01", "--agree", "--note", "x"), "没有这个批次"),
        (("reconcile", "FF209901-01", "/no/such/file"), "找不到回盘文件"),
        (("prepare", "--month", "2027-02"), "最早可于 2027年1月22日 制单"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_writes_nothing(roll, preparer, args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args, "--user", preparer.username)
    assert not PaymentBatch.objects.exists()


def test_an_unknown_user_is_refused(roll):
    with pytest.raises(CommandError, match="账号不存在或已停用：nobody"):
        _run("prepare", "--month", "2027-01", "--user", "nobody")
