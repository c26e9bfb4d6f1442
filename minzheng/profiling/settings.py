"""The 五型三色 model in force for a region on a day: the shipped YAML plus the admin's values."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minzheng.accounts.enums import Capability
from minzheng.core.dated_settings import Number, SettingsSpec, values_in_force
from minzheng.core.exceptions import Message
from minzheng.core.rule_values import load
from minzheng.eligibility.rules.regions import REGIONS
from minzheng.profiling.classify import MODEL_FILE, ProfileModel, default_model
from minzheng.profiling.enums import INDICATOR_LABELS
from minzheng.profiling.models import ProfileSetting


def setting_names() -> list[str]:
    """``thresholds.<name>`` and ``weights.<name>``: every number of the model."""
    model = default_model()
    return [f"thresholds.{n}" for n in model.thresholds] + [f"weights.{n}" for n in model.weights]


_THRESHOLD_LABELS = {
    "medical_spending_annual": gettext_lazy("年度医疗自付费用阈值(元)"),
    "rigid_share_of_income": gettext_lazy("刚性支出占家庭收入比例阈值"),
    "rigid_minimum_annual": gettext_lazy("刚性支出最低计算额(元/年)"),
    "red_after_rigid_ratio": gettext_lazy("扣除刚性支出后人均收入红色线(低保标准倍数)"),
    "elder_age": gettext_lazy("独居高龄老人年龄(岁)"),
    "emergency_window_days": gettext_lazy("急难事件计入天数"),
    "source_window_days": gettext_lazy("退出救助或申请未获批准的计入天数"),
    "red_score": gettext_lazy("红色分数线"),
    "yellow_score": gettext_lazy("黄色分数线"),
}


def setting_label(name: str) -> str:
    """阈值：… or 权重：…, in words; a number the labels do not know keeps its name."""
    group, _dot, key = name.partition(".")
    if group == "thresholds" and key in _THRESHOLD_LABELS:
        return _("阈值：%(name)s") % {"name": _THRESHOLD_LABELS[key]}
    if group == "weights" and key in INDICATOR_LABELS:
        return _("权重：%(name)s") % {"name": INDICATOR_LABELS[key]}
    return name


def model_in_force(*, region: str, day: dt.date) -> ProfileModel:
    """The default model with the latest admin value of each number on or before ``day``."""
    model = default_model()
    thresholds, weights = dict(model.thresholds), dict(model.weights)
    values, latest = values_in_force(ProfileSetting, region=region, day=day)
    for name, value in values.items():
        group, _dot, key = name.partition(".")
        (thresholds if group == "thresholds" else weights)[key] = float(value)
    version = model.version if latest is None else f"{model.version}+{latest:%Y%m%d}"
    return replace(model, version=version, thresholds=thresholds, weights=weights)


def _valid(name: str, number: Decimal) -> Message | None:
    if number < 0 or (name.startswith("weights.") and number > 100):
        return _("取值应为不小于 0 的数字，权重不超过 100。")
    return None


def _numbers(region: str | None, day: dt.date) -> Mapping[str, Number]:
    model = default_model() if region is None else model_in_force(region=region, day=day)
    return {f"thresholds.{k}": v for k, v in model.thresholds.items()} | {
        f"weights.{k}": v for k, v in model.weights.items()
    }


PROFILE_SETTINGS = SettingsSpec(
    model=ProfileSetting,
    names=setting_names,
    label=setting_label,
    regions=REGIONS,
    numbers=_numbers,
    valid=_valid,
    may_edit=lambda user: user.has_capability(Capability.PARAMETER_EDIT),
    audit_target="profiling.profile_setting",
    shipped=load(MODEL_FILE),
)
