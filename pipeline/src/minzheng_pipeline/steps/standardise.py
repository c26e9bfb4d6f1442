"""Preparation of the linkage columns: the same features for Chinese and Latin-script data.

Every feature a comparison measures a distance on is ASCII (pinyin, digits, Latin letters):
DuckDB's string distances count bytes, so one changed Chinese character would be distance 3
there and 1 on Spark. Comparing pinyin keeps both engines, and the model, the same.

Work is vectorised with Arrow compute (RE2 regular expressions) on the *distinct* values of a
column, then spread back to the rows with ``take``; only per-distinct-value steps that Arrow
cannot express (pinyin, the rare Chinese numeral in an address) run in Python.

Features, all nullable strings unless noted:

* ``name``: NFKC, traditional → simplified (OpenCC t2s), letters only, lower case.
* ``name_py``: toneless pinyin, surname then given name (``zhang wei``, ``ouyang xiaoming``);
  the surname is read with the override table (曾 zeng, 单 shan …). Latin names as written.
* ``name_first`` / ``name_last``: first and last token of ``name_py`` (surname and given
  name of a Chinese name); ``name_min`` / ``name_max``: the two in alphabetical order, and
  ``name_key`` both, so a swapped given name and surname still agree.
* ``id_number``: spaces, dashes and full-width digits removed, ``x`` upper-cased, a 15-digit
  resident ID upgraded to 18 digits. ``id_checked`` (bool): an 18-digit resident ID whose
  check character and birth date are valid. Any other identifier is kept as normalised.
* ``id_sorted``: the ID's characters sorted, equal for two IDs that differ by a transposition;
  ``id_head`` / ``id_tail``: its two halves, one of which survives any single mistyped digit.
* ``birth_date``: eight digits ``YYYYMMDD``; taken from a checked ID when the column is empty.
* ``gender``: ``m`` or ``f``; taken from a checked ID when the column is empty.
* ``phone``: digits only, without a +86 prefix.
* ``addr_digits``: the address's numbers in order (``1 18``; 3幢2单元301室 and 3-2-301 both give
  ``3 2 301``); ``addr_names``: pinyin of its names without the township, which clerks often
  leave out; ``addr_key``: both together, one door plate; ``addr_first`` / ``addr_last``: its
  first and last number.
"""

from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pypinyin import Style, lazy_pinyin

from minzheng_pipeline.addresses.normalise import ADMIN_PREFIXES, normalise
from minzheng_pipeline.identifiers import CHECK_CHARS, WEIGHTS
from minzheng_pipeline.names import COMPOUND_SURNAMES, SURNAME_READINGS
from minzheng_pipeline.text import FEMALE_WORDS, MALE_WORDS, to_simplified

STANDARD_SCHEMA = pa.schema(
    [
        ("unique_id", pa.int64()),
        ("source_dataset", pa.string()),
        ("record_id", pa.string()),
        ("name", pa.string()),
        ("name_py", pa.string()),
        ("name_first", pa.string()),
        ("name_last", pa.string()),
        ("name_key", pa.string()),
        ("name_min", pa.string()),
        ("name_max", pa.string()),
        ("id_number", pa.string()),
        ("id_checked", pa.bool_()),
        ("id_sorted", pa.string()),
        ("id_head", pa.string()),
        ("id_tail", pa.string()),
        ("birth_date", pa.string()),
        ("gender", pa.string()),
        ("phone", pa.string()),
        ("addr_digits", pa.string()),
        ("addr_names", pa.string()),
        ("addr_key", pa.string()),
        ("addr_first", pa.string()),
        ("addr_last", pa.string()),
    ]
)

_HAN = r"\p{Han}"
_LONG_NAME = 8  # characters; longer Chinese names are read in Python
_WEIGHTS = np.array(WEIGHTS, dtype=np.int64)
_CHECK = np.frombuffer(CHECK_CHARS.encode(), dtype=np.uint8)
_ZERO = ord("0")

# The address markers after a number, as ``addresses.normalise`` writes them; RE2 has no
# look-ahead, so 单 not followed by 元 is matched with the next character kept.
_ADDRESS_MARKERS = (
    (r"(\d+)(?:号楼|栋|座|#)", r"\1幢"),
    (r"(\d+)(?:队|小组|生产队)", r"\1组"),
    (r"(\d+)(?:号房|房间|房|户)", r"\1室"),
    (r"(\d+)单([^元]|$)", r"\1单元\2"),
)
_NOISE_TAIL = r"(?:附近|旁边|对面|边上|周边|一带|那边|这边|楼下|隔壁|左右|处)+$"
_CHINESE_NUMERAL = (
    r"[零〇○一二两三四五六七八九十百千]+(?:号|组|队|幢|栋|座|单元|单|室|房|户|#|-|\d|$)"
)
_TOWNSHIP = r"^[^\d]+?(?:街道|镇|乡)"
_NUMBER_TOKEN = r"\d+(?:组|号|幢|单元|室)?|-"  # noqa: S105 - a pattern, not a password


_readings: dict[str, str] = {}


def _reading(char: str) -> str:
    """Toneless pinyin of one character (its most common reading); other text as itself."""
    reading = _readings.get(char)
    if reading is None:
        found = lazy_pinyin(char, style=Style.NORMAL, errors=lambda text: text)
        reading = (found[0] if found else char).lower()
        _readings[char] = reading
    return reading


def _sound(text: str) -> str:
    readings = _readings
    return "".join([readings.get(c) or _reading(c) for c in text])


def _simplified(values: pa.Array) -> pa.Array:
    """Traditional → simplified. One OpenCC call for the whole column: the per-call overhead
    dominates for short strings. Values hold no line breaks (whitespace was folded)."""
    listed = values.to_pylist()
    if not listed:
        return values
    converted = to_simplified("\n".join(v or "" for v in listed)).split("\n")
    return pa.array(
        [c if v is not None else None for c, v in zip(converted, listed, strict=True)],
        pa.string(),
    )


def _blank_to_null(values: pa.Array) -> pa.Array:
    trimmed = pc.utf8_trim_whitespace(values)
    result: pa.Array = pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)
    return result


def _column(table: pa.Table, name: str) -> pa.Array:
    if name not in table.column_names:
        return pa.nulls(table.num_rows, pa.string())
    values = table.column(name).combine_chunks()
    if values.type != pa.string():
        values = pc.cast(values, pa.string())
    return _blank_to_null(values)


def _per_distinct(
    values: pa.Array, convert: Callable[[pa.Array], dict[str, pa.Array]]
) -> dict[str, pa.Array]:
    """``convert`` applied to the distinct values only, then spread back to every row."""
    encoded = pc.dictionary_encode(values)
    converted = convert(encoded.dictionary)
    return {name: pc.take(column, encoded.indices) for name, column in converted.items()}


def _python_map(values: pa.Array, function: Callable[[str], str | None]) -> pa.Array:
    return pa.array([function(v) for v in values.to_pylist()], type=pa.string())


# Names ---------------------------------------------------------------------------------


def _readings_of(chars: pa.Array, table: dict[str, str] | None = None) -> pa.Array:
    """The reading of each single character (or "" for ""), through a table of distinct ones."""
    distinct = pc.unique(chars)
    overrides = table or {}
    readings = pa.array([overrides.get(c) or _sound(c) for c in distinct.to_pylist()], pa.string())
    return pc.take(readings, pc.index_in(chars, distinct))


def _chinese_name_columns(names: pa.Array) -> tuple[pa.Array, pa.Array]:
    """(surname, given name) pinyin of Chinese names, position by position.

    Names are short, so each character position is one vectorised lookup; the few names
    longer than ``_LONG_NAME`` characters are read in Python.
    """
    length = pc.utf8_length(names)
    longest = min(pc.max(length).as_py() or 0, _LONG_NAME)
    chars = [pc.utf8_slice_codeunits(names, i, i + 1) for i in range(longest)]
    readings = [_readings_of(column) for column in chars]
    compound = pc.and_(
        pc.is_in(pc.utf8_slice_codeunits(names, 0, 2), pa.array(sorted(COMPOUND_SURNAMES))),
        pc.greater(length, 2),
    )
    single = _readings_of(chars[0], SURNAME_READINGS)
    double = pc.binary_join_element_wise(readings[0], readings[1] if longest > 1 else "", "")
    surname = pc.if_else(compound, double, single)
    empty = pa.repeat(pa.scalar("", pa.string()), len(names))
    after_one = pc.binary_join_element_wise(*readings[1:], "") if longest > 1 else empty
    after_two = pc.binary_join_element_wise(*readings[2:], "") if longest > 2 else empty
    given = pc.if_else(compound, after_two, after_one)
    long_rows = np.flatnonzero(pc.greater(length, _LONG_NAME).to_numpy(zero_copy_only=False))
    if len(long_rows):
        values = pc.take(names, pa.array(long_rows)).to_pylist()
        given = pc.replace_with_mask(
            given,
            pc.greater(length, _LONG_NAME),
            pa.array([_sound(v[1:]) for v in values], pa.string()),
        )
    return surname, given


def _name_columns(distinct: pa.Array) -> dict[str, pa.Array]:
    text = pc.utf8_normalize(distinct, "NFKC")
    # Letters and spaces only: drops the middle dot of 阿卜杜·热合曼, digits and punctuation.
    text = pc.replace_substring_regex(text, r"[^\p{L}\s]+", " ")
    text = pc.utf8_lower(pc.utf8_trim_whitespace(text))
    text = pc.replace_substring_regex(text, r"\s+", " ")
    text = _blank_to_null(_simplified(text))
    chinese = pc.fill_null(pc.match_substring_regex(text, _HAN), False)
    null_text = pa.scalar(None, pa.string())
    text = pc.if_else(chinese, pc.replace_substring(text, " ", ""), text)

    # Latin script: tokens as written. The first and last token stand for the given name
    # and the surname in either order; the key puts them in alphabetical order.
    first = pc.struct_field(pc.extract_regex(text, r"^(?P<t>\S+)"), "t")
    last = pc.struct_field(pc.extract_regex(text, r"\s(?P<t>\S+)$"), "t")
    pinyin = text

    rows = np.flatnonzero(chinese.to_numpy(zero_copy_only=False))
    if len(rows):
        surname, given = _chinese_name_columns(pc.take(text, pa.array(rows)))
        given = pc.if_else(pc.equal(given, ""), null_text, given)
        joined = pc.binary_join_element_wise(surname, pc.fill_null(given, ""), " ")
        joined = pc.utf8_trim(joined, " ")
        pinyin = pc.replace_with_mask(pinyin, chinese, joined)
        first = pc.replace_with_mask(first, chinese, surname)
        last = pc.replace_with_mask(last, chinese, given)
    low = pc.coalesce(pc.min_element_wise(first, last), first)
    high = pc.coalesce(pc.max_element_wise(first, last), first)
    key = pc.if_else(pc.is_valid(last), pc.binary_join_element_wise(low, high, " "), first)
    return {
        "name": text,
        "name_py": pinyin,
        "name_first": first,
        "name_last": last,
        "name_key": key,
        "name_min": low,
        "name_max": high,
    }


# Identifiers ---------------------------------------------------------------------------


def _digits_matrix(values: pa.Array, width: int) -> np.ndarray:
    """Rows of ASCII codes of strings that all have exactly ``width`` bytes."""
    fixed = pc.cast(pc.cast(values, pa.binary()), pa.binary(width))
    buffer = fixed.buffers()[1]
    start = fixed.offset * width
    data = np.frombuffer(buffer, dtype=np.uint8)[start : start + len(fixed) * width]
    return data.reshape(-1, width)


def _check_chars(first17: np.ndarray) -> np.ndarray:
    total = ((first17.astype(np.int64) - _ZERO) * _WEIGHTS).sum(axis=1)
    checks: np.ndarray = _CHECK[total % 11]
    return checks


def _sorted_characters(values: pa.Array) -> pa.Array:
    """Each string's characters in sorted order (ASCII only): equal for a transposition.

    Vectorised per string length: the strings of one length form a matrix sorted row-wise.
    """
    length = pc.utf8_length(values)
    result = pa.nulls(len(values), pa.string())
    for width in pc.unique(pc.drop_null(length)).to_pylist():
        mask = pc.fill_null(pc.equal(length, width), False)
        chosen = pc.filter(values, mask)
        if width == 0 or not pc.all(pc.equal(pc.binary_length(chosen), width)).as_py():
            sorted_text = pa.array(["".join(sorted(v)) for v in chosen.to_pylist()], pa.string())
        else:
            matrix = np.sort(_digits_matrix(chosen, width), axis=1)
            sorted_text = pc.cast(
                pa.FixedSizeBinaryArray.from_buffers(
                    pa.binary(width), len(chosen), [None, pa.py_buffer(matrix.tobytes())]
                ),
                pa.string(),
            )
        result = pc.replace_with_mask(result, mask, sorted_text)
    return result


def _halves(values: pa.Array) -> tuple[pa.Array, pa.Array]:
    """First and second half of each string (the first longer by one if the length is odd):
    one mistyped character always leaves one half intact. Sliced per distinct length."""
    length = pc.utf8_length(values)
    head: pa.Array = pa.nulls(len(values), pa.string())
    tail: pa.Array = pa.nulls(len(values), pa.string())
    for width in pc.unique(pc.drop_null(length)).to_pylist():
        if width < 2:
            continue
        mask = pc.fill_null(pc.equal(length, width), False)
        chosen = pc.filter(values, mask)
        cut = (width + 1) // 2
        head = pc.replace_with_mask(head, mask, pc.utf8_slice_codeunits(chosen, 0, cut))
        tail = pc.replace_with_mask(tail, mask, pc.utf8_slice_codeunits(chosen, cut, width))
    return head, tail


def _valid_date(digits8: pa.Array) -> pa.Array:
    parsed = pc.strptime(digits8, format="%Y%m%d", unit="s", error_is_null=True)
    year_ok = pc.greater_equal(pc.year(parsed), 1880)
    result: pa.Array = pc.fill_null(year_ok, False)
    return result


def _id_columns(distinct: pa.Array) -> dict[str, pa.Array]:
    text = pc.utf8_normalize(distinct, "NFKC")
    text = pc.utf8_upper(pc.replace_substring_regex(text, r"[\s\-]+", ""))
    text = _blank_to_null(text)
    count = len(text)
    long_form = pc.fill_null(pc.match_substring_regex(text, r"^\d{17}[\dX]$"), False)
    short_form = pc.fill_null(pc.match_substring_regex(text, r"^\d{15}$"), False)

    # 18 digits: the check character and the birth date must both be right.
    checked = np.zeros(count, dtype=np.bool_)
    rows = np.flatnonzero(long_form.to_numpy(zero_copy_only=False))
    if len(rows):
        longs = pc.take(text, pa.array(rows))
        matrix = _digits_matrix(longs, 18)
        check_ok = _check_chars(matrix[:, :17]) == matrix[:, 17]
        date_ok = _valid_date(pc.utf8_slice_codeunits(longs, 6, 14)).to_numpy(zero_copy_only=False)
        checked[rows] = check_ok & date_ok

    # 15 digits (first generation): century 19 inserted and the check character computed.
    # Such a number has no check character, so it is never "checked".
    number = text
    rows = np.flatnonzero(short_form.to_numpy(zero_copy_only=False))
    if len(rows):
        shorts = pc.take(text, pa.array(rows))
        first17 = pc.binary_join_element_wise(
            pc.utf8_slice_codeunits(shorts, 0, 6), "19", pc.utf8_slice_codeunits(shorts, 6, 15), ""
        )
        checks = _check_chars(_digits_matrix(first17, 17)).tobytes().decode("ascii")
        upgraded = pc.binary_join_element_wise(first17, pa.array(list(checks), pa.string()), "")
        date_ok = _valid_date(pc.utf8_slice_codeunits(upgraded, 6, 14))
        upgraded = pc.if_else(date_ok, upgraded, shorts)
        number = pc.replace_with_mask(number, short_form, upgraded)

    checked_array = pa.array(checked)
    null_text = pa.scalar(None, pa.string())
    birth = pc.if_else(checked_array, pc.utf8_slice_codeunits(number, 6, 14), null_text)
    parity = pc.utf8_slice_codeunits(number, 16, 17)
    odd = pc.is_in(parity, pa.array(list("13579")))
    gender = pc.if_else(checked_array, pc.if_else(odd, "m", "f"), null_text)
    return {
        "id_number": number,
        "id_checked": pc.and_(checked_array, pc.is_valid(number)),
        "id_sorted": _sorted_characters(number),
        "id_birth_date": birth,
        "id_gender": gender,
    }


# Other columns -------------------------------------------------------------------------


def _birth_dates(values: pa.Array) -> pa.Array:
    digits = pc.replace_substring_regex(values, r"\D+", "")
    result: pa.Array = pc.if_else(
        pc.equal(pc.utf8_length(digits), 8), digits, pa.scalar(None, pa.string())
    )
    return result


def _genders(values: pa.Array) -> pa.Array:
    lowered = pc.utf8_lower(values)
    null_text = pa.scalar(None, pa.string())
    female = pc.if_else(pc.is_in(lowered, pa.array(FEMALE_WORDS)), "f", null_text)
    result: pa.Array = pc.if_else(pc.is_in(lowered, pa.array(MALE_WORDS)), "m", female)
    return result


def _phones(values: pa.Array) -> pa.Array:
    digits = pc.replace_substring_regex(values, r"\D+", "")
    digits = pc.replace_substring_regex(digits, r"^(?:0086|86)(1\d{10})$", r"\1")
    result: pa.Array = pc.if_else(
        pc.greater_equal(pc.utf8_length(digits), 5), digits, pa.scalar(None, pa.string())
    )
    return result


# Addresses -----------------------------------------------------------------------------


def normalise_addresses(values: pa.Array) -> pa.Array:
    """``addresses.normalise`` for a column, in Arrow: width, script, dashes, noise, markers.

    Traditional characters go through OpenCC (a superset of the matcher's own table). The
    rare address with a Chinese numeral before a marker (十二号) goes through the matcher's
    Python ``normalise``, which turns numerals into digits.
    """
    text = pc.utf8_normalize(values, "NFKC")
    text = pc.replace_substring_regex(text, r"[‐‑‒–—―－~〜]", "-")
    text = pc.replace_substring_regex(text, r"[^\p{L}\p{N}\-#]|_", "")
    text = pc.utf8_lower(text)
    text = pc.replace_substring_regex(text, _NOISE_TAIL, "")
    prefixes = "|".join(sorted(ADMIN_PREFIXES, key=len, reverse=True))
    stripped = pc.replace_substring_regex(text, f"^(?:{prefixes})+", "")
    text = pc.if_else(pc.equal(stripped, ""), text, stripped)
    for pattern, replacement in _ADDRESS_MARKERS:
        text = pc.replace_substring_regex(text, pattern, replacement)
    text = _simplified(text)
    numerals = pc.fill_null(pc.match_substring_regex(text, _CHINESE_NUMERAL), False)
    rows = np.flatnonzero(numerals.to_numpy(zero_copy_only=False))
    if len(rows):
        originals = pc.take(values, pa.array(rows)).to_pylist()
        text = pc.replace_with_mask(
            text, numerals, pa.array([normalise(v) for v in originals], pa.string())
        )
    return text


def _address_columns(distinct: pa.Array) -> dict[str, pa.Array]:
    text = normalise_addresses(distinct)
    digits = pc.utf8_trim(pc.replace_substring_regex(text, r"\D+", " "), " ")
    digits = _blank_to_null(digits)
    names = pc.replace_substring_regex(text, _TOWNSHIP, "")
    names = pc.replace_substring_regex(names, _NUMBER_TOKEN, " ")
    names = _blank_to_null(pc.replace_substring_regex(names, r"\s+", " "))
    sounds = _per_distinct(names, lambda d: {"s": _python_map(d, _sound)})["s"]
    key = pc.binary_join_element_wise(pc.fill_null(digits, ""), pc.fill_null(sounds, ""), "|")
    key = pc.if_else(
        pc.or_(pc.is_valid(digits), pc.is_valid(sounds)), key, pa.scalar(None, pa.string())
    )
    first = pc.struct_field(pc.extract_regex(digits, r"^(?P<n>\d+)"), "n")
    last = pc.struct_field(pc.extract_regex(digits, r"(?P<n>\d+)$"), "n")
    return {
        "addr_digits": digits,
        "addr_names": sounds,
        "addr_key": key,
        "addr_first": first,
        "addr_last": last,
    }


# The step ------------------------------------------------------------------------------


def standardise(table: pa.Table, *, first_unique_id: int = 0) -> pa.Table:
    """The linkage features of ``table`` (``source``, ``record_id`` and linkage columns).

    Returns a table in ``STANDARD_SCHEMA``; ``unique_id`` numbers the rows from
    ``first_unique_id``.
    """
    rows = table.num_rows
    columns: dict[str, pa.Array] = {
        "unique_id": pa.array(np.arange(first_unique_id, first_unique_id + rows, dtype=np.int64)),
        "source_dataset": _column(table, "source"),
        "record_id": _column(table, "record_id"),
    }
    columns |= _per_distinct(_column(table, "name"), _name_columns)
    ids = _per_distinct(_column(table, "id_number"), _id_columns)
    columns["id_number"] = ids["id_number"]
    columns["id_checked"] = pc.fill_null(ids["id_checked"], False)
    columns["id_sorted"] = ids["id_sorted"]
    columns["id_head"], columns["id_tail"] = _halves(columns["id_number"])
    columns["birth_date"] = pc.coalesce(
        _birth_dates(_column(table, "birth_date")), ids["id_birth_date"]
    )
    columns["gender"] = pc.coalesce(_genders(_column(table, "gender")), ids["id_gender"])
    columns["phone"] = _phones(_column(table, "phone"))
    columns |= _per_distinct(_column(table, "address"), _address_columns)
    return pa.table(
        {field.name: columns[field.name] for field in STANDARD_SCHEMA}, schema=STANDARD_SCHEMA
    )
