"""Pinyin initials for search. pypinyin reads some surnames by their common reading."""

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
