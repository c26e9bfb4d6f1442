from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class AliasMethod(models.TextChoices):
    """How an alias came to mean its standard address."""

    MATCHER = "matcher", _("自动匹配")
    MANUAL = "manual", _("人工指定")
    EXACT = "exact", _("完全一致")


# Labels of the sources that write aliases. ``source`` stays a free code so a new department's
# feed needs no migration here; codes match ``integration.enums.Department``, which this app
# may not import (it sits below integration).
SOURCE_LABELS: dict[str, Promise] = {
    "registry": _("民政户籍"),
    "police": _("公安户籍"),
    "medical_insurance": _("医保"),
    "social_security": _("人社"),
    "disability": _("残联"),
    "real_estate": _("不动产"),
    "vehicles": _("车辆"),
    "electricity": _("电力"),
}


def source_label(source: str) -> str:
    """The department's name for display, or its code when it is not a known one."""
    label = SOURCE_LABELS.get(source)
    return str(label) if label is not None else source
