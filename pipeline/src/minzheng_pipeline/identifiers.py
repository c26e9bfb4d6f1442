"""居民身份证号码 (GB 11643-1999): normalisation, checksum, 15→18 conversion, derived facts.

Pure functions with no Django import, shared by the registry, the demo generator and (later)
the linkage pipeline. Area codes are checked only as a warning: a real person keeps the code of
a county that has since been merged or renamed.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
_SPACES = re.compile(r"[\s\-]+")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９ｘＸ", "0123456789XX")
_AREA_CODES_FILE = Path(__file__).resolve().parent / "data" / "area_codes.txt"


class IdProblem(StrEnum):
    """Stable codes; the registry renders them as Chinese messages."""

    EMPTY = "empty"
    LENGTH = "length"
    CHARACTERS = "characters"
    BIRTH_DATE = "birth_date"
    CHECKSUM = "checksum"


class IdWarning(StrEnum):
    UNKNOWN_AREA = "unknown_area"
    CONVERTED_FROM_15 = "converted_from_15"


@dataclass(frozen=True)
class ResidentId:
    number: str
    birth_date: dt.date
    gender: str  # "male" or "female", from the parity of the sequence code
    warnings: tuple[IdWarning, ...] = field(default=())


class InvalidResidentId(ValueError):
    def __init__(self, problem: IdProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def check_char(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def normalise(raw: str) -> str:
    """Strip spaces and dashes, fold full-width digits and a lower-case x."""
    return _SPACES.sub("", raw.translate(_FULL_WIDTH)).upper()


def _birth_date(digits8: str) -> dt.date:
    try:
        born = dt.date(int(digits8[:4]), int(digits8[4:6]), int(digits8[6:8]))
    except ValueError:
        raise InvalidResidentId(IdProblem.BIRTH_DATE) from None
    if born.year < 1880:
        raise InvalidResidentId(IdProblem.BIRTH_DATE)
    return born


def upgrade_15(number15: str) -> str:
    """A first-generation 15-digit number as its 18-digit form (century 19 inserted)."""
    first17 = number15[:6] + "19" + number15[6:]
    return first17 + check_char(first17)


@cache
def known_area_codes() -> frozenset[str]:
    if not _AREA_CODES_FILE.exists():
        return frozenset()
    return frozenset(_AREA_CODES_FILE.read_text(encoding="utf-8").split())


def parse_resident_id(raw: str, *, today: dt.date | None = None) -> ResidentId:
    """Validate and normalise a 居民身份证 number, returning the 18-digit form.

    Raises:
        InvalidResidentId: with the first problem found.
    """
    number = normalise(raw)
    warnings: list[IdWarning] = []
    if not number:
        raise InvalidResidentId(IdProblem.EMPTY)
    if len(number) == 15:
        if not number.isdigit():
            raise InvalidResidentId(IdProblem.CHARACTERS)
        _birth_date("19" + number[6:12])
        number = upgrade_15(number)
        warnings.append(IdWarning.CONVERTED_FROM_15)
    if len(number) != 18:
        raise InvalidResidentId(IdProblem.LENGTH)
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise InvalidResidentId(IdProblem.CHARACTERS)
    born = _birth_date(number[6:14])
    if born > (today or dt.date.today()):  # noqa: DTZ011 - a calendar date, not an instant
        raise InvalidResidentId(IdProblem.BIRTH_DATE)
    if check_char(number[:17]) != number[17]:
        raise InvalidResidentId(IdProblem.CHECKSUM)
    warnings.extend(resident_id_warnings(number))
    gender = "male" if int(number[16]) % 2 else "female"
    return ResidentId(number=number, birth_date=born, gender=gender, warnings=tuple(warnings))


def resident_id_warnings(number: str) -> tuple[IdWarning, ...]:
    """Warnings for an already normalised 18-digit number (its area code is not known)."""
    codes = known_area_codes()
    return (IdWarning.UNKNOWN_AREA,) if codes and number[:6] not in codes else ()


def mask(number: str) -> str:
    """330482********1234: area and last four kept, the birth date and sequence hidden."""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
