"""三色 are drawn alike in charts (COLOUR_HEX) and badges (app.css)."""

import re

from django.conf import settings

from minzheng.profiling.colours import COLOUR_HEX, Colour


def test_badges_use_the_chart_colours():
    css = (settings.BASE_DIR / "minzheng" / "static" / "css" / "app.css").read_text()
    declared = dict(re.findall(r"--colour-(\w+):\s*(#[0-9a-f]{6})", css))
    assert declared == {colour.code: COLOUR_HEX[colour] for colour in Colour}
    for colour in Colour:
        assert re.search(
            rf"\.colour-{colour.code} {{ background: var\(--colour-{colour.code}\)", css
        )


def test_colour_codes_and_labels_follow_urgency():
    assert [(colour.code, str(colour.label)) for colour in sorted(Colour)] == [
        ("green", "绿"),
        ("yellow", "黄"),
        ("red", "红"),
    ]
