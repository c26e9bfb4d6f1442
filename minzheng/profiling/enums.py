from django.utils.translation import gettext_lazy as _

from minzheng.profiling.classify import INDICATORS, TYPES
from minzheng.profiling.colours import COLOUR_HEX, Colour

__all__ = [
    "COLOURS",
    "COLOUR_HEX",
    "COLOUR_LABELS",
    "INDICATORS",
    "INDICATOR_LABELS",
    "TYPES",
    "TYPE_LABELS",
    "Colour",
]

TYPE_LABELS = dict(
    zip(TYPES, (_("急难型"), _("兜底型"), _("支出型"), _("照护型"), _("发展型")), strict=True)
)
# The colours' codes in value order (green first) and their labels, as the dashboard keys them.
COLOURS: tuple[str, ...] = tuple(colour.code for colour in Colour)
COLOUR_LABELS = {colour.code: colour.label for colour in Colour}
INDICATOR_LABELS = dict(
    zip(
        INDICATORS,
        (
            _("家庭人均收入低于低保标准"),
            _("家庭人均收入低于低保边缘线"),
            _("年度医疗自付费用较高"),
            _("刚性支出超过家庭收入的一半"),
            _("高龄老人独居"),
            _("有重度残疾或重病成员"),
            _("未成年人无成年家庭成员"),
            _("劳动年龄成员无收入"),
            _("家庭成员均无劳动能力"),
            _("规则判定符合特困、低保或单人保"),
            _("规则判定符合支出型低保"),
            _("扣除刚性支出后人均收入低于低保标准的一半"),
            _("近期发生急难事件（死亡、受灾或大额医疗）"),
            _("水电费欠费未解决"),
            _("在册特困、低保或单人保对象"),
            _("近一年内退出救助"),
            _("近一年内救助申请未获批准"),
        ),
        strict=True,
    )
)
