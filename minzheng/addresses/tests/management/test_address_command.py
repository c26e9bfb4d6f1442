import io

import pytest
from django.core.management import CommandError, call_command

from minzheng.addresses.models import AddressAlias
from minzheng.addresses.tests.factories import donghu_flat

pytestmark = pytest.mark.django_db

FLAT = "当湖街道东湖社区人民路12号东湖苑3幢2单元301室"


def _run(*args):
    out = io.StringIO()
    call_command("address", *args, "--no-progress", stdout=out)
    return out.getvalue()


def test_resolve_stores_a_files_addresses_and_prints_no_address(tmp_path):
    donghu_flat()
    feed = tmp_path / "police.csv"
    feed.write_text(
        f"\ufeffrecord_id,address\nA1,{FLAT}\nA2,{FLAT}\nA3,海光路1号\nA4,\n", encoding="utf-8"
    )

    output = _run("resolve", "--source", "police", "--input", str(feed))

    assert "不同地址 2 条：已匹配 1，未匹配 1" in output
    assert "记录 3 条，地址匹配率 66.67%" in output
    assert "东湖" not in output
    assert dict(AddressAlias.objects.values_list("raw_text", "occurrences")) == {
        FLAT: 2,
        "海光路1号": 1,
    }


def test_resolve_names_a_missing_column(tmp_path):
    feed = tmp_path / "power.csv"
    feed.write_text("record_id,addr\nA1,x\n", encoding="utf-8")

    with pytest.raises(CommandError, match="缺少列：address"):
        _run("resolve", "--source", "electricity", "--input", str(feed))


def test_rematch_reports_how_many_were_placed():
    assert "0 条" in _run("rematch")
