"""Writes on the working-day calendar; only the county administrator maintains it."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import require_capability
from minzheng.core.audit import audit_record
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError
from minzheng.workdays.enums import DayKind, WorkdaysErrorCode
from minzheng.workdays.models import NAME_MAX_LENGTH, CalendarDay

CALENDAR_DAY_TARGET = "workdays.calendar_day"


def _kind_check(*, day: dt.date, kind: str) -> DayKind:
    if kind not in DayKind.values:
        message = _("请选择“法定节假日”或“调休上班”。")
        raise ApplicationError(
            message, code=WorkdaysErrorCode.KIND_INVALID, fields={"kind": message}
        )
    is_weekend = day.weekday() >= 5
    if kind == DayKind.HOLIDAY and is_weekend:
        message = _("%(date)s 是周末，本来就休息，不能登记为法定节假日。") % {
            "date": day.isoformat()
        }
        raise ApplicationError(
            message, code=WorkdaysErrorCode.HOLIDAY_ON_WEEKEND, fields={"date": message}
        )
    if kind == DayKind.WORKDAY and not is_weekend:
        message = _("%(date)s 是周一至周五，本来就上班，不能登记为调休上班日。") % {
            "date": day.isoformat()
        }
        raise ApplicationError(
            message, code=WorkdaysErrorCode.WORKDAY_ON_WEEKDAY, fields={"date": message}
        )
    return DayKind(kind)


def _name_check(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        message = _("请填写名称，例如“春节”或“国庆节调休”。")
        raise ApplicationError(
            message, code=WorkdaysErrorCode.NAME_REQUIRED, fields={"name": message}
        )
    if len(name) > NAME_MAX_LENGTH:
        message = _("名称不能超过 %(limit)d 个字。") % {"limit": NAME_MAX_LENGTH}
        raise ApplicationError(message, fields={"name": message})
    return name


@transaction.atomic
def calendar_day_set(*, actor: User, day: dt.date, kind: str, name: str) -> CalendarDay:
    """Record ``day`` as a holiday weekday or a 调休 weekend day, or change how it is recorded.

    Refuses a holiday on a Saturday or Sunday, a make-up day on Monday to Friday and an empty
    name, since such a row would say nothing the plain week does not. Unchanged input writes
    and records nothing.
    """
    require_capability(actor=actor, capability=Capability.CALENDAR_EDIT)
    checked_kind = _kind_check(day=day, kind=kind)
    checked_name = _name_check(name)
    calendar_day, created = CalendarDay.objects.select_for_update().get_or_create(
        date=day, defaults={"kind": checked_kind, "name": checked_name}
    )
    if created:
        changes: dict[str, list[str | None]] = {
            "kind": [None, checked_kind.value],
            "name": [None, checked_name],
        }
        action = AuditAction.CREATE
    else:
        wanted = {"kind": checked_kind.value, "name": checked_name}
        changes = {
            field: [getattr(calendar_day, field), value]
            for field, value in wanted.items()
            if getattr(calendar_day, field) != value
        }
        if not changes:
            return calendar_day
        for field in changes:
            setattr(calendar_day, field, wanted[field])
        calendar_day.save(update_fields=[*changes, "updated_at"])
        action = AuditAction.UPDATE
    audit_record(
        actor=actor,
        action=action,
        target_type=CALENDAR_DAY_TARGET,
        target_id=day.isoformat(),
        changes=changes,
    )
    return calendar_day


@transaction.atomic
def calendar_day_remove(*, actor: User, day: dt.date) -> None:
    """Let ``day`` follow the plain Monday–Friday rule again.

    A day with no row is left as it is and nothing is recorded: a double click, or a
    colleague who removed it first.
    """
    require_capability(actor=actor, capability=Capability.CALENDAR_EDIT)
    calendar_day = CalendarDay.objects.select_for_update().filter(date=day).first()
    if calendar_day is None:
        return
    changes = {"kind": [calendar_day.kind, None], "name": [calendar_day.name, None]}
    calendar_day.delete()
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        target_type=CALENDAR_DAY_TARGET,
        target_id=day.isoformat(),
        changes=changes,
    )
