"""Writes on households, and the audit of searching and reading them."""

import re
import uuid
from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import jurisdiction_range
from minzheng.addresses.services import address_get_or_create
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError
from minzheng.divisions.selectors import village_get
from minzheng.registry.models import Household
from minzheng.registry.validation import check_phone

HOUSEHOLD_TARGET = "registry.household"


@transaction.atomic
def household_search_record(*, actor: User, field: str, results: int) -> None:
    """Note that the actor searched the registry: which field and how many households came back.

    The query itself is not kept: it is a name, an ID number or a phone.
    """
    audit_record(
        actor=actor,
        action=AuditAction.SEARCH,
        target_type=HOUSEHOLD_TARGET,
        changes={"field": field, "results": results},
    )


@transaction.atomic
def household_view_record(*, actor: User, household: Household) -> None:
    """Note that the actor opened the household page (PIPL: reads of personal data are logged)."""
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target_type=HOUSEHOLD_TARGET,
        target_id=household.pk,
        division_code=household.division_id,
    )


_HOUSEHOLD_NUMBER = re.compile(r"^[0-9A-Za-z\-]{1,32}$")


@transaction.atomic
def household_create(
    *, actor: User, village_code: int, number: str, phone: str, address: Mapping[str, str]
) -> Household:
    """Register a household at a door plate of a village inside the actor's jurisdiction.

    Raises:
        ApplicationError: every bad field named in Chinese; nothing is saved.
    """
    low, high = jurisdiction_range(actor=actor, capability=Capability.REGISTRY_EDIT)
    errors: dict[str, str] = {}
    village = village_get(village_code) if low <= village_code <= high else None
    if village is None:
        errors["village_code"] = _("村(社区)代码不存在或不在您的管辖范围内。")
    number = number.strip()
    if not _HOUSEHOLD_NUMBER.match(number):
        errors["number"] = _("户号只能由字母、数字和连字符组成，最长 32 位。")
    elif Household.objects.filter(number=number).exists():
        errors["number"] = _("户号已存在。")
    phone = check_phone(phone, errors)
    if not (address.get("door_number", "").strip() or address.get("room", "").strip()):
        errors["door_number"] = _("请填写门牌号或室号。")
    if errors or village is None:
        raise ApplicationError(_("提交的户信息有误，未保存。"), fields=errors)
    home = Household.objects.create(
        number=number,
        division=village,
        phone=phone,
        address=address_get_or_create(village=village, parts=address),
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target_type=HOUSEHOLD_TARGET,
        target_id=home.pk,
        division_code=village.code,
        changes={
            "number": [None, number],
            "address": [None, home.address.full_text if home.address else ""],
        },
    )
    return home


def household_lock(*, household_id: uuid.UUID) -> Household:
    """The household row, locked until the caller's transaction ends: another app serialises
    its own writes about one household on it (two workers taking an application at once)."""
    return Household.objects.select_for_update().get(pk=household_id)
