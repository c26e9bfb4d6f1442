"""The 五型三色 model in force for a region on a day: the shipped YAML plus the admin's values."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError, Message, PermissionDenied
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
    for name, value in (
        ProfileSetting.objects.filter(region=region, start__lte=day)
        .order_by("start", "id")
        .values_list("name", "value")
    ):
        group, _dot, key = name.partition(".")
        (thresholds if group == "thresholds" else weights)[key] = float(value)
    version = model.version
    changed = ProfileSetting.objects.filter(region=region, start__lte=day).order_by("-start")
    latest = changed.values_list("start", flat=True).first()
    if latest is not None:
        version = f"{model.version}+{latest:%Y%m%d}"
    return replace(model, version=version, thresholds=thresholds, weights=weights)


@transaction.atomic
def profile_setting_add(
    *, actor: User, name: str, region: str, start: dt.date, value: str, reference: str
) -> ProfileSetting:
    """Add a dated value for one number of the model in one region (county admin only)."""
    if not actor.has_capability(Capability.PARAMETER_EDIT):
        raise PermissionDenied
    errors: dict[str, Message] = {}
    if name not in setting_names():
        errors["name"] = _("没有这个画像模型参数。")
    if region not in REGIONS:
        errors["region"] = _("没有这个行政区划。")
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        number = Decimal(-1)
    if not number.is_finite() or number < 0 or (name.startswith("weights.") and number > 100):
        errors["value"] = _("取值应为不小于 0 的数字，权重不超过 100。")
    if not reference.strip():
        errors["reference"] = _("请填写依据。")
    if errors:
        raise ApplicationError(_("画像模型参数未保存。"), fields=errors)
    try:
        with transaction.atomic():
            setting = ProfileSetting.objects.create(
                name=name,
                region=region,
                start=start,
                value=number,
                reference=reference.strip(),
                created_by=actor,
            )
    except IntegrityError:
        raise ApplicationError(
            _("该参数在该日期已有取值；历史取值不能改写，请从另一个生效日期开始。"),
            code=ErrorCode.CONFLICT,
        ) from None
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target_type="profiling.profile_setting",
        target_id=setting.pk,
        changes={"name": name, "region": region, "start": start.isoformat(), "value": str(number)},
    )
    return setting
