"""三色, defined once: the risk colours of profiles, visit plans and warnings, and how they are
drawn (domain §2.3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Colour(models.IntegerChoices):
    """The value orders by urgency, so the larger colour wins."""

    GREEN = 0, _("绿")
    YELLOW = 1, _("黄")
    RED = 2, _("红")

    @property
    def code(self) -> str:
        """green / yellow / red: the badge's CSS class (``colour-red``) and the dashboard's key."""
        return self.name.lower()


# How each colour is drawn, in charts and badges alike: colours carry meaning, so 红 is red,
# 黄 amber and 绿 green everywhere. static/css/app.css repeats them as --colour-<code>
# (profiling/tests/test_colours.py holds the two equal).
COLOUR_HEX: dict[Colour, str] = {
    Colour.RED: "#c62828",
    Colour.YELLOW: "#f0a500",
    Colour.GREEN: "#2e7d32",
}
