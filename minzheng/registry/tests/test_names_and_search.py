import pytest
from minzheng_pipeline.names import name_initials

from minzheng.registry.enums import SearchField
from minzheng.registry.search import classify_query


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("张三", "zs"),
        ("曾小明", "zxm"),
        ("单雄信", "sxx"),
        ("解放", "xf"),
        ("叶韵琪", "yyq"),
        ("Li Lei", "ll"),
    ],
)
def test_initials_read_surnames_as_surnames(name, initials):
    assert name_initials(name) == initials


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("330482195003010012", SearchField.ID_NUMBER),
        ("33048219500301001x", SearchField.ID_NUMBER),
        ("330482500301001", SearchField.ID_NUMBER),
        ("17000001234", SearchField.PHONE),
        ("zw", SearchField.INITIALS),
        ("张伟", SearchField.NAME),
        ("松枫社区", SearchField.ADDRESS),
        ("新华路128号", SearchField.ADDRESS),
    ],
)
def test_auto_search_recognises_what_was_typed(query, field):
    assert classify_query(query) == field
