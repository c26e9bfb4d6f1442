"""Bank layouts are data: the files they make, byte for byte, and the returns they read."""

import pytest

from minzheng.core.exceptions import ApplicationError
from minzheng.payments.layouts import (
    LayoutError,
    bank_layouts,
    file_render,
    layout_get,
    layout_parse,
    return_parse,
)

HEADER = {
    "batch_number": "FF202701-01",
    "month": "202701",
    "row_count": "2",
    "total_amount": "1370.00",
    "total_fen": "137000",
}
DETAILS = [
    {
        "sequence": "1",
        "account_number": "6217000000000001",
        "holder_name": "张秀英",
        "holder_id_number": "330482195803020021",
        "amount": "525.00",
        "amount_fen": "52500",
        "remark": "2027年01月最低生活保障",
    },
    {
        "sequence": "2",
        "account_number": "6217000000000002",
        "holder_name": "欧阳李桂兰",
        "holder_id_number": "330482195001010042",
        "amount": "845.00",
        "amount_fen": "84500",
        "remark": "2027年01月最低生活保障",
    },
]


def test_the_shipped_layouts_load():
    assert set(bank_layouts()) == {"csv_utf8", "fixed_gbk"}


def test_fixed_width_records_are_measured_in_gbk_bytes():
    content = file_render(layout_get("fixed_gbk"), header=HEADER, details=DETAILS)
    records = content.split(b"\r\n")
    assert records[-1] == b""  # every record ends its line
    header, first, second, trailer = records[:-1]
    assert header == b"H" + b"FF202701-01".ljust(24) + b"202701" + b"00000002" + b"000000000137000"
    # 1 + 8 + 32 + 40 + 18 + 12 + 40 bytes whatever the name's length in characters
    assert len(first) == len(second) == 151
    assert second[41:81] == "欧阳李桂兰".encode("gbk").ljust(40)
    assert first[99:111] == b"000000052500"
    assert trailer == b"T" + b"00000002" + b"000000000137000"


def test_a_name_too_long_for_its_field_is_named_by_its_line():
    long_name = dict(DETAILS[0], holder_name="阿" * 21)  # 42 bytes in GBK
    with pytest.raises(ApplicationError, match="第 1 笔的“户名”超出银行文件规定的 40 字节"):
        file_render(layout_get("fixed_gbk"), header=HEADER, details=[long_name])


def test_the_csv_layout_has_a_summary_then_the_payees():
    content = file_render(layout_get("csv_utf8"), header=HEADER, details=DETAILS).decode()
    assert content.splitlines() == [
        "批次号,发放月份,笔数,金额合计",
        "FF202701-01,202701,2,1370.00",
        "序号,账号,户名,证件号码,金额,摘要",
        "1,6217000000000001,张秀英,330482195803020021,525.00,2027年01月最低生活保障",
        "2,6217000000000002,欧阳李桂兰,330482195001010042,845.00,2027年01月最低生活保障",
    ]


def test_a_fixed_return_reads_results_and_the_banks_reasons():
    def row(seq, account, name, fen, code):
        return (
            b"D"
            + f"{seq:08d}".encode()
            + account.encode().ljust(32)
            + name.encode("gbk").ljust(40)
            + f"{fen:012d}".encode()
            + code.encode().ljust(4)
            + b" " * 40
        )

    content = b"\r\n".join(
        [row(1, "6217000000000001", "张秀英", 52500, "0000"), row(10, "62", "李", 100, "E102")]
    )
    rows = return_parse(layout_get("fixed_gbk"), content)
    assert [(r.sequence, r.amount_fen, r.paid, r.reason) for r in rows] == [
        ("1", 52500, True, ""),
        ("10", 100, False, "户名与账号不符"),
    ]


def test_a_csv_return_with_other_columns_is_refused():
    with pytest.raises(ApplicationError, match="回盘文件的表头应为"):
        return_parse(layout_get("csv_utf8"), "账号,金额\r\n1,2\r\n".encode())


def test_a_return_in_the_wrong_encoding_is_refused():
    with pytest.raises(ApplicationError, match="编码"):
        return_parse(layout_get("fixed_gbk"), b"D" + b"\xff\xfe\xfa" * 50)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "xml"}, "format"),
        ({"encoding": "klingon"}, "encoding"),
        ({"detail": [{"label": "账号", "source": "password"}]}, "known source"),
        ({"detail": [{"label": "账号", "source": "account_number"}]}, "width"),
        ({"returns": None}, "returns"),
    ],
)
def test_a_broken_layout_says_what_is_wrong(change, message):
    raw = {
        "code": "x",
        "format": "fixed",
        "encoding": "gbk",
        "header": [{"label": "H", "value": "H", "width": 1}],
        "detail": [{"label": "账号", "source": "account_number", "width": 32}],
        "returns": {"detail": [{"label": "序号", "source": "sequence", "width": 8}]},
        **change,
    }
    with pytest.raises(LayoutError, match=message):
        layout_parse(raw, origin="x.yaml")
