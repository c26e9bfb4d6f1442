import datetime as dt

import pytest

from minzheng_pipeline.identifiers import (
    IdProblem,
    IdWarning,
    InvalidResidentId,
    check_char,
    mask,
    parse_resident_id,
    upgrade_15,
)

# GB 11643-1999's own worked example.
STANDARD_EXAMPLE = "11010519491231002X"


def test_accepts_the_standard_worked_example():
    parsed = parse_resident_id(STANDARD_EXAMPLE)
    assert parsed.number == STANDARD_EXAMPLE
    assert parsed.birth_date == dt.date(1949, 12, 31)
    assert parsed.gender == "female"
    assert parsed.warnings == ()


@pytest.mark.parametrize(
    ("raw", "_case"),
    [
        ("11010519491231002x", "lower-case check character"),
        (" 110105 19491231 002X ", "spaces"),
        ("110105-19491231-002X", "dashes"),
        ("１１０１０５１９４９１２３１００２Ｘ", "full-width"),
    ],
)
def test_normalises_common_ways_of_writing_a_number(raw, _case):
    assert parse_resident_id(raw).number == STANDARD_EXAMPLE


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("", IdProblem.EMPTY),
        ("1101051949123100", IdProblem.LENGTH),
        ("11010519491231002Y", IdProblem.CHARACTERS),
        ("110105194913310029", IdProblem.BIRTH_DATE),
        ("110105194912310021", IdProblem.CHECKSUM),
        ("11010519491213002X", IdProblem.CHECKSUM),  # two digits transposed
    ],
)
def test_rejects_with_the_first_problem(raw, problem):
    with pytest.raises(InvalidResidentId) as caught:
        parse_resident_id(raw)
    assert caught.value.problem == problem


def test_rejects_a_birth_date_in_the_future():
    first17 = "33048220990101001"
    with pytest.raises(InvalidResidentId) as caught:
        parse_resident_id(first17 + check_char(first17), today=dt.date(2026, 11, 22))
    assert caught.value.problem == IdProblem.BIRTH_DATE


def test_upgrades_a_fifteen_digit_number_and_says_so():
    parsed = parse_resident_id("110105491231002")
    assert parsed.number == STANDARD_EXAMPLE
    assert IdWarning.CONVERTED_FROM_15 in parsed.warnings
    assert upgrade_15("110105491231002") == STANDARD_EXAMPLE


def test_warns_but_accepts_an_area_code_that_never_existed():
    first17 = "99999919800101001"
    parsed = parse_resident_id(first17 + check_char(first17))
    assert parsed.warnings == (IdWarning.UNKNOWN_AREA,)


def test_knows_pinghu_before_it_became_a_city():
    # 332123 is one of 平湖's superseded codes; people born there still carry it.
    first17 = "33212319600101001"
    assert parse_resident_id(first17 + check_char(first17)).warnings == ()


def test_masks_birth_date_and_sequence():
    assert mask("330482195003010012") == "330482********0012"
    assert mask("") == ""
