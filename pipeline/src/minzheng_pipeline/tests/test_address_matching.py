"""Door-plate address matching: the variations it must absorb and the differences it must not."""

import pytest

from minzheng_pipeline.addresses import THRESHOLD, AddressMatcher, normalise

REFERENCE = [
    ("FLAT", "当湖街道东湖社区人民路12号东湖苑3幢2单元301室"),
    ("FLAT_U1", "当湖街道东湖社区人民路12号东湖苑3幢1单元301室"),
    ("FLAT_302", "当湖街道东湖社区人民路12号东湖苑3幢2单元302室"),
    ("NO_UNIT", "当湖街道百花社区新华路20号百花苑5幢402室"),
    ("HOUSE", "新埭镇九里亭村3组沈家浜126号"),
    ("HOUSE_G4", "新埭镇九里亭村4组沈家浜126号"),
    ("OTHER_VILLAGE", "广陈镇三兴村1组金家角6号"),
    ("ROAD", "乍浦镇长安桥社区天妃路46号长安桥苑4幢1单元902室"),
]


@pytest.fixture(scope="module")
def matcher() -> AddressMatcher:
    return AddressMatcher.from_reference(REFERENCE)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # canonical, and with province/city/county prefixes
        ("当湖街道东湖社区人民路12号东湖苑3幢2单元301室", "FLAT"),
        ("浙江省嘉兴市平湖市当湖街道东湖社区人民路12号东湖苑3幢2单元301室", "FLAT"),
        ("嘉兴平湖东湖社区人民路12号东湖苑3幢2单元301室", "FLAT"),
        # township, community, road and door number left out
        ("东湖社区人民路12号东湖苑3幢2单元301室", "FLAT"),
        ("人民路12号东湖苑3幢2单元301室", "FLAT"),
        ("东湖苑3幢2单元301室", "FLAT"),
        ("九里亭村3组沈家浜126号", "HOUSE"),
        # Chinese and full-width numerals
        ("东湖社区人民路十二号东湖苑三幢二单元三〇一室", "FLAT"),
        ("东湖社区人民路12号东湖苑3幢2单元三零一室", "FLAT"),
        ("九里亭村三组沈家浜一百二十六号", "HOUSE"),
        ("东湖社区人民路１２号东湖苑３幢２单元３０１室", "FLAT"),
        # 幢/栋/号楼/#
        ("东湖社区东湖苑3栋2单元301室", "FLAT"),
        ("东湖社区东湖苑3号楼2单元301室", "FLAT"),
        ("东湖社区东湖苑3#2单元301室", "FLAT"),
        # 3-2-301 and 3幢301
        ("东湖社区人民路12号东湖苑3-2-301", "FLAT"),
        ("东湖社区东湖苑3-2-301室", "FLAT"),
        ("百花社区百花苑5幢402", "NO_UNIT"),
        ("百花社区新华路20号百花苑5-402", "NO_UNIT"),
        ("东湖苑3幢2单元301", "FLAT"),
        # 组/队
        ("九里亭村3队沈家浜126号", "HOUSE"),
        ("新埭镇九里亭村四队沈家浜126号", "HOUSE_G4"),
        # traditional characters
        ("當湖街道東湖社區人民路12號東湖苑3棟2單元301室", "FLAT"),
        ("新埭鎮九里亭村3隊沈家浜126號", "HOUSE"),
        # one homophone typo in a road, village, community or estate name
        ("东湖社区人民炉12号东湖苑3幢2单元301室", "FLAT"),
        ("九里停村3组沈家浜126号", "HOUSE"),
        ("冬湖社区人民路12号东湖苑3幢2单元301室", "FLAT"),
        ("东湖社区人民路12号冬湖苑3幢2单元301室", "FLAT"),
        ("九里亭村3组沈家帮126号", "HOUSE"),
        # stray spaces, punctuation and trailing words
        (" 东湖社区 人民路12号  东湖苑 3幢2单元301室 附近", "FLAT"),
        ("九里亭村3组，沈家浜126号旁边", "HOUSE"),
        ("平湖市　长安桥社区天妃路46号长安桥苑4-1-902", "ROAD"),
    ],
)
def test_variations_match(matcher: AddressMatcher, query: str, expected: str) -> None:
    result = matcher.match(query)
    assert result is not None, query
    assert result.address_id == expected
    assert THRESHOLD <= result.score <= 1.0


@pytest.mark.parametrize(
    "query",
    [
        "九里亭村3组沈家浜128号",  # another door number
        "新埭镇九里亭村3组沈家浜12号",
        "东湖社区人民路12号东湖苑3幢2单元303室",  # a room not in the reference
        "东湖社区人民路12号东湖苑4幢2单元301室",  # another building
        "东湖社区人民路14号东湖苑3幢2单元301室",  # another door number on the road
        "百花社区百花苑5幢2单元402室",  # a unit the reference does not have
        "东湖苑3幢301室",  # unit left out, and two units have a 301
        "沈家浜126号",  # 组 left out, and two groups have a 126号
        "3幢2单元301室",  # no name at all
        "林埭镇龙萌村1组金家角6号",  # another village's natural village of the same name
    ],
)
def test_differences_do_not_match(matcher: AddressMatcher, query: str) -> None:
    assert matcher.match(query) is None


def test_exact_canonical_scores_one(matcher: AddressMatcher) -> None:
    result = matcher.match(REFERENCE[0][1])
    assert result is not None
    assert result.score == 1.0


def test_match_many_keeps_order(matcher: AddressMatcher) -> None:
    results = list(matcher.match_many(["九里亭村3组沈家浜126号", "不存在的地址", "东湖苑3-2-302"]))
    assert [r.address_id if r else None for r in results] == ["HOUSE", None, "FLAT_302"]


def test_normalise_keeps_numerals_inside_names() -> None:
    assert normalise("三港新城社区九里亭路十二号") == "三港新城社区九里亭路12号"
    assert normalise("浙江省平湖市 3号楼2单元三〇一") == "3幢2单元301"
