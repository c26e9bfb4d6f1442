"""Pinyin for search and linkage. pypinyin reads some surnames by their common reading."""

from pypinyin import Style, lazy_pinyin

# First letter of the surname reading where it differs from the character's usual reading.
SURNAME_INITIALS = {
    "曾": "z",
    "单": "s",
    "解": "x",
    "仇": "q",
    "区": "o",
    "查": "z",
    "朴": "p",
    "覃": "q",
    "缪": "m",
    "尉": "y",
    "乐": "y",
    "盖": "g",
    "繁": "p",
    "员": "y",
    "句": "g",
    "长": "z",
    "翟": "z",
    "秘": "b",
    "种": "c",
    "召": "s",
    "能": "n",
    "洗": "x",
    "冼": "x",
}

# Full toneless readings of the same surnames, for linkage (``SURNAME_INITIALS`` is their first
# letter). Only the first character of a name is read this way: as a given-name character 曾
# is still read ceng.
SURNAME_READINGS = {
    "曾": "zeng",
    "单": "shan",
    "解": "xie",
    "仇": "qiu",
    "区": "ou",
    "查": "zha",
    "朴": "piao",
    "覃": "qin",
    "缪": "miao",
    "尉": "yu",
    "乐": "yue",
    "盖": "ge",
    "繁": "po",
    "员": "yun",
    "句": "gou",
    "长": "zhang",
    "翟": "zhai",
    "秘": "bi",
    "种": "chong",
    "召": "shao",
    "能": "nai",
    "洗": "xian",
    "冼": "xian",
}

# Two-character surnames: the given name starts after them.
# fmt: off
COMPOUND_SURNAMES = frozenset((
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
    "司徒", "夏侯", "令狐", "端木", "独孤", "南宫", "西门", "澹台", "轩辕", "呼延", "百里",
    "东郭", "万俟", "闻人", "赫连", "钟离", "申屠", "公羊", "第五", "太史", "淳于", "单于",
    "濮阳",
))
# fmt: on


def name_initials(name: str) -> str:
    """张三 → zs; 曾小明 → zxm; Li Lei → ll. Lower-case, at most 16 letters."""
    name = name.strip()
    if not name:
        return ""
    if not any("\u4e00" <= char <= "\u9fff" for char in name):
        return "".join(word[0] for word in name.split()).lower()[:16]
    # The surname is read alone: as part of a phrase pypinyin may read it otherwise
    # (叶韵 as xie yun), and some surnames have a reading of their own (曾 zeng, not ceng).
    surname = SURNAME_INITIALS.get(name[0]) or _first_letters(name[0])
    return (surname + _first_letters(name[1:]))[:16]


def _first_letters(text: str) -> str:
    letters = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(part[:1] for part in letters).lower()
