"""The 一件事 catalogue as data the county admin maintains.

Items the rules judge (低保, 特困 …) are tied to a programme and cannot be added or re-tied
here; the admin renames them, orders them, switches them off or changes whether they need 公示.
New items are the ones a worker proposes: referrals, fee waivers, one-off or status items.
"""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.cases.enums import ItemKind, OwningDepartment
from minzheng.cases.models import AssistanceItem
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError, Message, PermissionDenied

_CODE = re.compile(r"^[a-z][a-z0-9_]{1,31}$")
# A new monthly cash item would need a rule to compute its amount.
ADDABLE_KINDS = (ItemKind.REFERRAL, ItemKind.FEE_WAIVER, ItemKind.ONE_OFF, ItemKind.STATUS)


@transaction.atomic
def assistance_item_save(
    *,
    actor: User,
    code: str,
    name: str,
    needs_publicity: bool,
    is_active: bool,
    display_order: int,
    kind: str = "",
    department: str = "",
) -> AssistanceItem:
    """Change an item of the catalogue, or add one when ``code`` is new."""
    if not actor.has_capability(Capability.PARAMETER_EDIT):
        raise PermissionDenied
    item = AssistanceItem.objects.select_for_update().filter(code=code).first()
    errors: dict[str, Message] = {}
    name = name.strip()
    if not name:
        errors["name"] = _("请填写事项名称。")
    if not 0 <= display_order <= 9999:
        errors["display_order"] = _("显示顺序应为 0 到 9999 的整数。")
    if item is None:
        if not _CODE.match(code):
            errors["code"] = _("代码应以小写字母开头，只含小写字母、数字和下划线，最多 32 位。")
        if kind not in ADDABLE_KINDS:
            errors["kind"] = _("新增事项只能是转介、费用减免、一次性发放或身份认定。")
        if department not in OwningDepartment.values:
            errors["department"] = _("请选择主管部门。")
    if errors:
        raise ApplicationError(_("救助事项未保存。"), fields=errors)
    if item is None:
        item = AssistanceItem.objects.create(
            code=code,
            name=name,
            kind=kind,
            department=department,
            needs_publicity=needs_publicity,
            is_active=is_active,
            display_order=display_order,
        )
        action = AuditAction.CREATE
        changes: dict[str, object] = {"code": code, "kind": kind}
    else:
        before = (item.name, item.needs_publicity, item.is_active, item.display_order)
        after = (name, needs_publicity, is_active, display_order)
        if before == after:
            return item
        item.name, item.needs_publicity, item.is_active, item.display_order = after
        item.save(
            update_fields=["name", "needs_publicity", "is_active", "display_order", "updated_at"]
        )
        action = AuditAction.UPDATE
        changes = {"code": code, "before": list(before), "after": list(after)}
    audit_record(
        actor=actor,
        action=action,
        target_type="cases.assistance_item",
        target_id=item.pk,
        changes=changes,
    )
    return item
