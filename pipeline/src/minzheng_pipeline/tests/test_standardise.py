import pyarrow as pa
import pytest

from minzheng_pipeline.addresses import normalise
from minzheng_pipeline.names import SURNAME_INITIALS, SURNAME_READINGS
from minzheng_pipeline.steps.standardise import normalise_addresses, standardise


def features(**columns: list[str | None]) -> list[dict[str, object]]:
    rows = len(next(iter(columns.values())))
    table = pa.table(
        {
            "source": ["test"] * rows,
            "record_id": [str(i) for i in range(rows)],
            **{name: pa.array(values, pa.string()) for name, values in columns.items()},
        }
    )
    return standardise(table).to_pylist()


def test_traditional_characters_become_simplified_and_share_the_pinyin():
    simplified, traditional = features(name=["陈丽华", "陳麗華"])
    assert traditional["name"] == "陈丽华"
    assert simplified["name_py"] == traditional["name_py"] == "chen lihua"


def test_homophones_share_the_pinyin_but_not_the_characters():
    first, second = features(name=["王明", "王铭"])
    assert first["name"] != second["name"]
    assert first["name_py"] == second["name_py"] == "wang ming"


@pytest.mark.parametrize(
    ("name", "pinyin"),
    [
        ("曾小明", "zeng xiaoming"),  # not ceng
        ("单伟", "shan wei"),  # not dan
        ("解放", "xie fang"),  # not jie
        ("仇平", "qiu ping"),  # not chou
        ("欧阳娜娜", "ouyang nana"),  # a two-character surname
        ("张 伟", "zhang wei"),  # a space typed between surname and given name
    ],
)
def test_surnames_are_read_as_surnames(name, pinyin):
    (row,) = features(name=[name])
    assert row["name_py"] == pinyin


def test_the_surname_readings_agree_with_the_initials_table():
    assert {char: reading[0] for char, reading in SURNAME_READINGS.items()} == SURNAME_INITIALS


def test_name_parts_and_the_order_free_key():
    chinese, latin, swapped, single = features(
        name=["张伟", "John  Smith", "smith john", "Madonna"]
    )
    assert (chinese["name_first"], chinese["name_last"]) == ("zhang", "wei")
    assert latin["name_py"] == "john smith"
    assert latin["name_key"] == swapped["name_key"] == "john smith"
    assert (single["name_first"], single["name_last"], single["name_key"]) == (
        "madonna",
        None,
        "madonna",
    )


def test_resident_ids_are_normalised_checked_and_upgraded():
    rows = features(
        id_number=[
            "11010519491231002X",
            " 110105 19491231 002x ",
            "１１０１０５１９４９１２３１００２Ｘ",
            "110105491231002",  # 15 digits: upgraded, but a 15-digit number is never checked
            "110105194912310021",  # wrong check character
            "5304218",  # another kind of identifier
            "",
        ]
    )
    numbers = [row["id_number"] for row in rows]
    assert numbers[:4] == ["11010519491231002X"] * 4
    assert numbers[4:6] == ["110105194912310021", "5304218"]
    assert numbers[6] is None
    assert [row["id_checked"] for row in rows] == [True, True, True, False, False, False, False]


def test_a_transposition_keeps_the_sorted_id():
    original, swapped, mistyped = features(
        id_number=["330482198511072225", "330482198511702225", "330482198511072235"]
    )
    assert original["id_sorted"] == swapped["id_sorted"]
    assert original["id_sorted"] != mistyped["id_sorted"]


def test_birth_date_and_gender_come_from_a_checked_id_when_missing():
    from_id, given, broken = features(
        id_number=["11010519491231002X", "11010519491231002X", "110105194912310021"],
        birth_date=[None, "1950-01-02", None],
        gender=["", "男", None],
    )
    assert (from_id["birth_date"], from_id["gender"]) == ("19491231", "f")
    assert (given["birth_date"], given["gender"]) == ("19500102", "m")
    assert (broken["birth_date"], broken["gender"]) == (None, None)


@pytest.mark.parametrize(
    ("raw", "phone"),
    [
        ("139 5731 2345", "13957312345"),
        ("+86 139-5731-2345", "13957312345"),
        ("0086 13957312345", "13957312345"),
        ("0573-85123456", "057385123456"),
        ("123", None),
        ("", None),
    ],
)
def test_phones_keep_their_digits(raw, phone):
    (row,) = features(phone=[raw])
    assert row["phone"] == phone


def test_every_spelling_of_a_door_plate_gives_one_key():
    canonical = "当湖街道东湖社区人民路12号东湖苑3幢2单元301室"
    rows = features(
        address=[
            canonical,
            "东湖社区人民路12号东湖苑3幢2单元301室",  # township left out
            "当湖街道东湖社区人民路12号东湖苑3栋2单元301室",  # 栋 for 幢
            "当湖街道东湖社区人民路12号东湖苑3-2-301",  # dashed
            "当湖街道东湖社区人民路１２号东湖苑３幢２单元３０１室",  # full-width digits
            canonical + "附近",  # noise after the address
            "平湖市当湖街道東湖社區人民路十二号东湖苑3幢2单元301室",  # city, 繁体, numerals
        ]
    )
    keys = {row["addr_key"] for row in rows}
    assert keys == {"12 3 2 301|donghushequrenminlu donghuyuan"}
    assert rows[0]["addr_digits"] == "12 3 2 301"
    assert (rows[0]["addr_first"], rows[0]["addr_last"]) == ("12", "301")


def test_a_neighbours_door_plate_differs():
    mine, neighbour = features(address=["钱家村1组费家角18号", "钱家村1组费家角19号"])
    assert mine["addr_names"] == neighbour["addr_names"]
    assert mine["addr_key"] != neighbour["addr_key"]


@pytest.mark.parametrize(
    "text",
    [
        "当湖街道东湖社区人民路12号东湖苑3幢2单元301室",
        "平湖市新埭镇泖河村2组叶家桥47号",
        "东湖苑5号楼1单301房",
        "乍浦镇中山社区人民路42号兰苑18#1单元101室",
        "钱家村1组费家角18号 旁边",
        "当湖街道东湖社区人民路１２号",
    ],
)
def test_the_vectorised_address_normalisation_agrees_with_the_matcher(text):
    assert normalise_addresses(pa.array([text])).to_pylist() == [normalise(text)]


def test_missing_columns_are_all_null():
    (row,) = features(name=["张伟"])
    assert row["id_number"] is None
    assert row["addr_key"] is None
    assert row["id_checked"] is False
