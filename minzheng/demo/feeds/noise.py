"""The errors real department exports carry, applied at documented rates.

numpy decides which rows change (one uniform draw per row and kind, so a seed always changes the
same rows); the rare changed rows are then rewritten in plain Python. Rates are shares of the
rows a kind can apply to, as ``NoiseRates`` documents per field.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from minzheng_pipeline.addresses.normalise import _SIMPLIFIED, _TRADITIONAL

from minzheng.demo.generator import PHONE_PREFIXES

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class NoiseRates:
    """Shares of rows changed, per kind of error."""

    id_typo: float = 0.01  # rows with an ID: one digit mistyped or two adjacent ones swapped
    old_id: float = 0.01  # rows of people born before 1980: the 15-digit first-generation ID
    missing_id: float = 0.02  # rows with an ID: left blank (electricity has no ID column at all)
    homophone: float = 0.01  # all rows: a given-name character replaced by a homophone
    traditional: float = 0.01  # all rows: the name written in traditional characters
    phone: float = 0.03  # rows with a phone: left blank or a different number, half each
    address_variant: float = 0.2  # rows with an address: another spelling of the door plate
    duplicate: float = 0.005  # rows repeated once, with a new record_id and a small change


RATES = NoiseRates()
# First-generation numbers were replaced from 2004; people born before this year may still
# appear under one in an old department system.
OLD_ID_BORN_BEFORE = 1980

# Given-name characters grouped by toneless pinyin: a clerk typing by pinyin picks a neighbour
# from the candidate list. Grouped by the usual (pypinyin default) reading of each character.
# fmt: off
HOMOPHONE_GROUPS: tuple[str, ...] = (
    "明铭鸣名", "伟维玮薇微卫", "华花", "军君均俊骏峻", "平萍苹屏", "林琳霖淋", "芳方",
    "兰岚蓝", "梅玫美媚妹", "红宏洪虹鸿", "玉钰宇雨语羽", "英莹瑛樱颖", "丽莉立力利",
    "静晶菁婧靖敬", "婷亭庭廷", "佳嘉家", "杰洁捷", "涛韬", "斌彬滨", "辉晖惠慧", "晨辰臣宸",
    "博波", "文雯闻", "凯恺", "毅艺怡宜一逸", "峰锋枫丰凤", "鹏朋", "翔祥详", "晓小筱",
    "子紫梓", "天添田甜", "思斯丝", "泽则", "然燃", "航杭", "阳扬杨洋", "浩昊皓", "轩萱宣",
    "磊蕾", "鑫新欣心馨", "涵寒韩", "悦越月岳", "琪琦淇棋", "诗师", "梦孟", "瑶遥尧姚",
    "晴清青", "倩芊", "可柯珂", "芸云匀", "璐露路", "妍燕艳彦", "珍真贞", "秀绣", "琴勤芹",
    "娟鹃", "霞侠", "金锦瑾", "宝保", "仙先", "雪学", "杏幸星兴", "爱艾", "素苏", "彩才财",
    "银寅", "桂贵", "芬纷", "荷禾", "淑舒书", "福富", "荣容蓉", "建剑健", "勇永涌",
    "春纯", "德得", "忠中", "良梁亮", "生升", "龙隆", "泉全", "炳丙", "仁人", "松宋", "顺舜",
    "昌常畅", "志智", "东冬", "睿瑞锐", "旭序", "丹聃", "安桉", "菊聚", "法发",
    "国郭", "超钞", "哲浙", "根跟", "娥鹅",
)
# fmt: on
_HOMOPHONE = {char: group for group in HOMOPHONE_GROUPS for char in group}

# Simplified → traditional from the address table, less characters that are surnames in their
# own right in traditional writing too (a 范 is never written 範, a 郁 never 鬱).
_KEEP_SIMPLIFIED = frozenset("范郁后")
S2T = str.maketrans(
    {s: t for t, s in zip(_TRADITIONAL, _SIMPLIFIED, strict=True) if s not in _KEEP_SIMPLIFIED}
)
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
ADDRESS_VARIANTS = ("drop_township", "dong", "dashed", "full_width", "nearby")


def _chosen(rng: np.random.Generator, eligible: BoolArray, rate: float, base: int) -> BoolArray:
    """Eligible rows, each with the probability that makes ``rate`` of ``base`` rows change."""
    draw = rng.random(len(eligible))
    count = int(eligible.sum())
    if not count:
        return np.zeros(len(eligible), dtype=np.bool_)
    chosen: BoolArray = eligible & (draw < min(1.0, rate * base / count))
    return chosen


def _present(values: Sequence[str]) -> BoolArray:
    return np.fromiter(map(bool, values), dtype=np.bool_, count=len(values))


def id_typo(number: str, position: int, shift: int, swap: bool) -> str:
    """One keying error: the characters at ``position`` and the next swapped, or one changed.

    A swap of two equal characters would change nothing, so it becomes a changed digit.
    """
    chars = list(number)
    if swap and position + 1 < len(chars) and chars[position] != chars[position + 1]:
        chars[position], chars[position + 1] = chars[position + 1], chars[position]
    else:
        old = int(chars[position]) if chars[position].isdigit() else 0
        chars[position] = str((old + shift) % 10)
    return "".join(chars)


def id_noise(
    rng: np.random.Generator,
    numbers: Sequence[str],
    birth_year: IntArray,
    rates: NoiseRates = RATES,
) -> tuple[list[str], dict[str, int]]:
    """Blank, mistyped and 15-digit ID numbers; returns the new column and counts per kind."""
    count = len(numbers)
    present = _present(numbers)
    draw = rng.random(count)
    missing = present & (draw < rates.missing_id)
    typo = present & ~missing & (draw < rates.missing_id + rates.id_typo)
    long_form = np.fromiter(map(len, numbers), dtype=np.int64, count=count) == 18
    old = (
        long_form
        & ~missing
        & ~typo
        & (birth_year < OLD_ID_BORN_BEFORE)
        & (rng.random(count) < rates.old_id)
    )
    position = rng.integers(0, 17, size=count)
    shift = rng.integers(1, 10, size=count)
    swap = rng.random(count) < 0.5
    out = list(numbers)
    for i in np.flatnonzero(missing).tolist():
        out[i] = ""
    for i in np.flatnonzero(typo).tolist():
        out[i] = id_typo(out[i], int(position[i]), int(shift[i]), bool(swap[i]))
    for i in np.flatnonzero(old).tolist():
        # The 15-digit form drops the century and the check character.
        out[i] = out[i][:6] + out[i][8:17]
    counts = {
        "missing_id": int(missing.sum()),
        "id_typo": int(typo.sum()),
        "old_id": int(old.sum()),
    }
    return out, counts


def homophone(name: str, pick: int, step: int) -> str:
    """``name`` with one given-name character replaced by another of the same toneless pinyin."""
    positions = [i for i in range(1, len(name)) if name[i] in _HOMOPHONE]
    if not positions:
        return name
    position = positions[pick % len(positions)]
    group = _HOMOPHONE[name[position]]
    index = group.index(name[position])
    replacement = group[(index + 1 + step % (len(group) - 1)) % len(group)]
    return name[:position] + replacement + name[position + 1 :]


@dataclass(frozen=True)
class NameForms:
    """Per registry person, worked out once for all feeds: the traditional spelling and which
    kinds of name noise can apply."""

    traditional: list[str]
    can_homophone: BoolArray
    can_traditional: BoolArray


def name_forms(names: Sequence[str]) -> NameForms:
    traditional = [name.translate(S2T) for name in names]
    return NameForms(
        traditional=traditional,
        can_homophone=np.fromiter(
            (any(char in _HOMOPHONE for char in name[1:]) for name in names),
            dtype=np.bool_,
            count=len(names),
        ),
        can_traditional=np.fromiter(
            map(str.__ne__, traditional, names), dtype=np.bool_, count=len(names)
        ),
    )


def name_noise(
    rng: np.random.Generator,
    forms: NameForms,
    person: IntArray,
    names: Sequence[str],
    rates: NoiseRates = RATES,
) -> tuple[list[str], dict[str, int]]:
    """Homophone typos and traditional spellings of ``names`` (of persons ``person``), each at
    its rate of all rows."""
    count = len(names)
    sounds = _chosen(rng, forms.can_homophone[person], rates.homophone, count)
    traditional = _chosen(rng, forms.can_traditional[person] & ~sounds, rates.traditional, count)
    pick = rng.integers(0, 8, size=count)
    step = rng.integers(0, 8, size=count)
    out = list(names)
    for i in np.flatnonzero(sounds).tolist():
        out[i] = homophone(out[i], int(pick[i]), int(step[i]))
    for i in np.flatnonzero(traditional).tolist():
        out[i] = forms.traditional[int(person[i])]
    return out, {"homophone": int(sounds.sum()), "traditional": int(traditional.sum())}


def phone_noise(
    rng: np.random.Generator, phones: Sequence[str], rates: NoiseRates = RATES
) -> tuple[list[str], dict[str, int]]:
    """Phones left blank or replaced by another (synthetic) number: people change numbers."""
    count = len(phones)
    present = _present(phones)
    chosen = present & (rng.random(count) < rates.phone)
    blank = chosen & (rng.random(count) < 0.5)
    other = rng.integers(0, 10**8, size=count)
    prefix = rng.integers(0, len(PHONE_PREFIXES), size=count)
    out = list(phones)
    for i in np.flatnonzero(chosen).tolist():
        if blank[i]:
            out[i] = ""
        else:
            number = f"{PHONE_PREFIXES[int(prefix[i])]}{int(other[i]):08d}"
            if number == out[i]:  # a one-in-a-hundred-million draw must still change the phone
                number = f"{number[:-1]}{(int(number[-1]) + 1) % 10}"
            out[i] = number
    return out, {"phone_blank": int(blank.sum()), "phone_changed": int((chosen & ~blank).sum())}


@dataclass(frozen=True)
class AddressParts:
    """The canonical text and the parts the variants need, one entry per row."""

    text: Sequence[str]
    township: Sequence[str]
    building: Sequence[str]
    unit: Sequence[str]
    room: Sequence[str]


def address_variant(
    kind: int, text: str, township: str, building: str, unit: str, room: str
) -> str:
    """One other spelling of the door plate; a kind that does not apply falls through to 附近."""
    name = ADDRESS_VARIANTS[kind % len(ADDRESS_VARIANTS)]
    if name == "drop_township" and township and text.startswith(township):
        return text[len(township) :]
    if name == "dong" and "幢" in text:
        return text.replace("幢", "栋")
    if name == "dashed" and building and room:
        tail = f"{building}幢{unit}单元{room}室" if unit else f"{building}幢{room}室"
        if text.endswith(tail):
            dashed = f"{building}-{unit}-{room}" if unit else f"{building}-{room}"
            return text[: -len(tail)] + dashed
    if name == "full_width":
        return text.translate(_FULL_WIDTH_DIGITS)
    return text + "附近"


def address_noise(
    rng: np.random.Generator, parts: AddressParts, rates: NoiseRates = RATES
) -> tuple[list[str], dict[str, int]]:
    """Other spellings of ``rates.address_variant`` of the non-blank addresses."""
    count = len(parts.text)
    chosen = _present(parts.text) & (rng.random(count) < rates.address_variant)
    kind = rng.integers(0, len(ADDRESS_VARIANTS), size=count)
    out = list(parts.text)
    for i in np.flatnonzero(chosen).tolist():
        out[i] = address_variant(
            int(kind[i]),
            parts.text[i],
            parts.township[i],
            parts.building[i],
            parts.unit[i],
            parts.room[i],
        )
    return out, {"address_variant": int(chosen.sum())}
