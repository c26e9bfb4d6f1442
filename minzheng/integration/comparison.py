"""How a department's value is compared with the registry's: one key per kind of field.

The 核对报告's conflict flags and the review cards both decide "the same or not" with these,
so the two pages never disagree (they did on a name with an interpunct: 阿依古丽·买买提 typed
with a bullet was "the same" in the report and "different" on the card).
"""

from minzheng_pipeline.identifiers import normalise, upgrade_15
from minzheng_pipeline.text import compact_simplified, gender_code

# The interpunct of minority names is typed in several look-alike ways.
_DOTS = str.maketrans({"•": "·", "．": "·", "・": "·", ".": "·", "‧": "·"})


def name_key(name: str) -> str:
    """A name as compared: no spaces, one interpunct, traditional characters simplified."""
    return compact_simplified(name.translate(_DOTS))


def address_key(text: str) -> str:
    """An address as compared: no spaces, traditional characters simplified."""
    return compact_simplified(text)


def id_key(raw: str) -> str:
    """An ID number as compared: normalised, a first-generation 15-digit number upgraded."""
    number = normalise(raw)
    return upgrade_15(number) if len(number) == 15 and number.isdigit() else number


def phone_key(raw: str) -> str:
    return "".join(ch for ch in raw if ch.isdigit())


def gender_key(raw: str) -> str:
    return gender_code(raw)


def differ(left: str, right: str) -> bool:
    """Both keys known and unequal: a missing value is no difference."""
    return bool(left and right) and left != right


def names_differ(source: str, registry: str) -> bool:
    """True when both are known and differ beyond spacing and 繁简 writing (張偉 is 张伟)."""
    return differ(name_key(source), name_key(registry))
