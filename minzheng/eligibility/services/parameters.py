"""The county admin's dated parameter values: added, never overwritten."""

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError, PermissionDenied
from minzheng.eligibility.models import ParameterValue
from minzheng.eligibility.rules import rules
from minzheng.eligibility.rules.changes import PARAMETER_NAMES, parameter_node
from minzheng.eligibility.rules.regions import REGIONS


@transaction.atomic
def parameter_value_add(
    *,
    actor: User,
    name: str,
    region: str,
    start: dt.date,
    value: Decimal,
    label: str,
    reference: str,
) -> ParameterValue:
    """Add ``value`` for ``name`` in ``region`` from ``start``; earlier values stay as they were."""
    if not actor.has_capability(Capability.PARAMETER_EDIT):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if name not in PARAMETER_NAMES:
        errors["name"] = _("没有这个参数。")
    if region not in REGIONS:
        errors["region"] = _("没有这个行政区划的参数。")
    if not value.is_finite() or value < 0:
        errors["value"] = _("取值应为不小于 0 的数字。")
    if not label.strip():
        errors["label"] = _("请填写依据简称，例如“湖州市 2025 年标准”。")
    if not reference.strip():
        errors["reference"] = _("请填写政策依据（文件名称和文号）。")
    if not errors and _shipped_dates(name, region) & {start.isoformat()}:
        errors["start"] = _("该日期已有内置取值；新的取值请从另一个生效日期开始。")
    if errors:
        raise ApplicationError(_("参数取值有误。"), fields=errors)
    try:
        with transaction.atomic():
            added = ParameterValue.objects.create(
                name=name,
                region=region,
                start=start,
                value=value,
                label=label.strip(),
                reference=reference.strip(),
                created_by=actor,
            )
    except IntegrityError:
        raise ApplicationError(
            _("该参数在该日期已有取值；历史取值不能改写，请从另一个生效日期开始。"),
            code=ErrorCode.CONFLICT,
            fields={"start": _("该日期已有取值。")},
        ) from None
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target_type="eligibility.parameter_value",
        target_id=added.pk,
        changes={"name": name, "region": region, "start": start.isoformat(), "value": str(value)},
    )
    return added


def _shipped_dates(name: str, region: str) -> set[str]:
    node = parameter_node(rules().parameters, name).children[region]
    return {value.instant_str for value in node.values_list}
