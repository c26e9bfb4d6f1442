from pathlib import Path

CATALOGUE = Path(__file__).resolve().parents[3] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries(text: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs of a .po file, joining continued lines."""
    entries, current, key = [], {"msgid": "", "msgstr": ""}, None
    for line in [*text.splitlines(), ""]:
        if line.startswith(("msgid ", "msgstr ", "msgstr[0] ")):
            key, _, value = line.partition(" ")
            key = key.removesuffix("[0]")
            if key == "msgid" and current["msgid"]:
                entries.append((current["msgid"], current["msgstr"]))
                current = {"msgid": "", "msgstr": ""}
            current[key] = value.strip('"')
        elif line.startswith('"') and key:
            current[key] += line.strip('"')
    entries.append((current["msgid"], current["msgstr"]))
    return [(msgid, msgstr) for msgid, msgstr in entries if msgid]


def test_every_interface_string_has_an_english_translation():
    untranslated = [msgid for msgid, msgstr in _entries(CATALOGUE.read_text()) if not msgstr]
    assert untranslated == []
