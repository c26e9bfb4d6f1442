"""The 五型三色 model in force for a region on a day: the shipped YAML plus the admin's values."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.core.dated_settings import dated_setting_add, values_in_force
from minzheng.core.exceptions import Message, PermissionDenied
from minzheng.eligibility.rules.regions import REGIONS
from minzheng.profiling.classify import ProfileModel, default_model
from minzheng.profiling.models import ProfileSetting


def setting_names() -> list[str]:
    """``thresholds.<name>`` and ``weights.<name>``: every number of the model."""
    model = default_model()
    return [f"thresholds.{n}" for n in model.thresholds] + [f"weights.{n}" for n in model.weights]


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


def profile_setting_add(
    *, actor: User, name: str, region: str, start: dt.date, value: str, reference: str
) -> ProfileSetting:
    """Add a dated value for one number of the model in one region (county admin only).

    Raises:
        PermissionDenied: the actor is not the county admin.
        ApplicationError: see ``dated_setting_add``.
    """
    if not actor.has_capability(Capability.PARAMETER_EDIT):
        raise PermissionDenied
    return dated_setting_add(
        ProfileSetting,
        actor=actor,
        names=setting_names(),
        regions=REGIONS,
        valid=_valid,
        audit_target="profiling.profile_setting",
        name=name,
        region=region,
        start=start,
        value=value,
        reference=reference,
    )
