"""Fuzzy location of a reference name inside a query's name text.

Each character maps to one "sound" character standing for its toneless pinyin, so a homophone
typo (冬湖 for 东湖, 胡 for 湖) leaves the sound string unchanged and ``str.find`` on sound
strings finds it at C speed. A name of four characters or more may also differ by one
character that does not sound alike.
"""

from pypinyin import Style, lazy_pinyin

HOMOPHONE_PENALTY = 0.04  # per character written with a homophone
OTHER_CHAR_PENALTY = 0.15  # per character that differs in sound too (long names only)
STEM_PENALTY = 0.01  # 东湖 written for 东湖社区

_readings: dict[str, str] = {}
_sounds: dict[str, str] = {}


def _sound_char(char: str) -> str:
    sound = _sounds.get(char)
    if sound is None:
        reading = lazy_pinyin(char, style=Style.NORMAL, errors=lambda c: c)[0]
        if reading == char:  # not a Chinese character: it is its own sound
            sound = char
        else:
            sound = _readings.setdefault(reading, chr(0xF0000 + len(_readings)))
        _sounds[char] = sound
    return sound


def sound(text: str) -> str:
    """One sound character per character of ``text``: equal for homophones."""
    sounds = _sounds
    return "".join([sounds.get(c) or _sound_char(c) for c in text])


def _free(covered: bytearray, start: int, length: int) -> bool:
    return not any(covered[start : start + length])


def _find_free(haystack: str, needle: str, covered: bytearray) -> int:
    start = haystack.find(needle)
    while start >= 0 and not _free(covered, start, len(needle)):
        start = haystack.find(needle, start + 1)
    return start


def locate(
    name: str, name_sound: str, text: str, text_sound: str, covered: bytearray, *, fuzzy: bool
) -> tuple[int, float]:
    """(start, penalty) of the best uncovered occurrence of ``name`` in ``text``; start -1 if none.

    Exact and homophone spellings only, unless ``fuzzy`` also allows one other character.
    """
    start = _find_free(text, name, covered)
    if start >= 0:
        return start, 0.0
    start = _find_free(text_sound, name_sound, covered)
    if start >= 0:
        differing = sum(a != b for a, b in zip(name, text[start : start + len(name)], strict=True))
        return start, HOMOPHONE_PENALTY * differing
    length = len(name)
    if not fuzzy or length < 4:
        return -1, 0.0
    best_start, best_penalty = -1, 1.0
    for start in range(len(text) - length + 1):
        if not _free(covered, start, length):
            continue
        penalty = 0.0
        others = 0
        for i in range(length):
            if name[i] != text[start + i]:
                if name_sound[i] == text_sound[start + i]:
                    penalty += HOMOPHONE_PENALTY
                else:
                    others += 1
                    if others > 1:
                        break
                    penalty += OTHER_CHAR_PENALTY
        else:
            if penalty < best_penalty:
                best_start, best_penalty = start, penalty
    return best_start, best_penalty if best_start >= 0 else 0.0
