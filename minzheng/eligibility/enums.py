from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Programme(models.TextChoices):
    """The programmes the rule set judges, in the spec's order of precedence."""

    TEKUN = "tekun", _("特困供养")
    DIBAO = "dibao", _("最低生活保障")
    DIBAO_SINGLE = "dibao_single", _("单人保")
    DIBAO_EDGE = "dibao_edge", _("低保边缘")
    RIGID_EXPENDITURE = "rigid_expenditure", _("支出型低保")


# What staff and citizens read for each public parameter name (rules.changes.PARAMETER_NAMES);
# the key stays an identifier in stored results and is never the only label on a page.
PARAMETER_LABELS: dict[str, Promise] = {
    "dibao.standard": _("低保标准"),
    "dibao.edge_multiplier": _("低保边缘倍数"),
    "dibao.asset.financial_months": _("人均金融资产上限(低保标准月数)"),
    "dibao.asset.vehicle_value_cap": _("车辆价值上限"),
    "dibao.asset.max_dwellings": _("住房套数上限"),
    "dibao.single_person_ratio": _("单人保比例"),
    "tekun.basic": _("特困人员基本生活标准"),
    "rigid.disposable_income_last_year": _("上年度居民人均可支配收入"),
    "orphan.institutional": _("机构养育孤儿基本生活费"),
    "orphan.scattered": _("社会散居孤儿基本生活费"),
    "disability.living_allowance": _("困难残疾人生活补贴"),
}


def parameter_label(name: str) -> str:
    """The Chinese label of a parameter name; an unknown name is shown as it is."""
    label = PARAMETER_LABELS.get(name)
    return str(label) if label is not None else name
