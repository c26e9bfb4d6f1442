"""Small text normalisations shared by the pipeline and the web application.

Departments write the same person differently: 張偉 for 张伟, 男 or 1 or M for male. These
functions are the one place that decides what counts as the same.
"""

import re
from functools import cache

import opencc

_SPACES = re.compile(r"\s+")
# 1 and 2 are the codes of GB/T 2261.1; the rest are what clerks type. Lower case.
MALE_WORDS = ("男", "男性", "m", "male", "man", "1")
FEMALE_WORDS = ("女", "女性", "f", "female", "woman", "2")
_GENDERS = dict.fromkeys(MALE_WORDS, "male") | dict.fromkeys(FEMALE_WORDS, "female")


@cache
def _t2s() -> opencc.OpenCC:
    # Native OpenCC, built once per process: loading its dictionaries costs milliseconds.
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters as simplified (張偉 → 张伟); other text unchanged."""
    return str(_t2s().convert(text)) if text else ""


def compact_simplified(text: str) -> str:
    """For comparing names and addresses: simplified, without any whitespace (張 偉 → 张伟)."""
    return to_simplified(_SPACES.sub("", text))


def gender_code(raw: str) -> str:
    """ "male", "female", or "" when the value says neither (unknown values included)."""
    return _GENDERS.get(raw.strip().lower(), "")


def is_gender(raw: str) -> bool:
    """Whether a non-empty value is a recognised way of writing a gender."""
    return raw.strip().lower() in _GENDERS
