"""受理: taking a family's application with its authorisation for 核对."""

import datetime as dt
import uuid
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.cases.enums import Channel, StepKind, StepOutcome
from minzheng.cases.models import Application, ApplicationItem, AssistanceItem
from minzheng.cases.services.workflow import (
    WorkflowConflict,
    application_audit,
    number_next,
    require_text,
    step_complete,
    step_start,
)
from minzheng.core.clock import today
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError, Message
from minzheng.eligibility.selectors import household_case_prefill
from minzheng.registry.permissions import access_household
from minzheng.registry.services.households import household_lock

APPLICATION_PREFIX = "SQ"


def _consent_errors(
    *,
    has_consent: bool,
    consent_date: dt.date | None,
    consent_signed_by: str,
    consent_document: str,
) -> dict[str, Message]:
    errors: dict[str, Message] = {}
    if not has_consent:
        errors["has_consent"] = _(
            "未取得家庭成员签字的核对授权书，不能受理。请先请家庭签署《家庭经济状况核对授权书》。"
        )
        return errors
    if consent_date is None:
        errors["consent_date"] = _("请填写授权书签署日期。")
    elif consent_date > today():
        errors["consent_date"] = _("授权书签署日期不能晚于今天。")
    require_text(consent_signed_by, "consent_signed_by", _("请填写授权书签字人。"), errors)
    require_text(consent_document, "consent_document", _("请填写授权书编号。"), errors)
    return errors


@transaction.atomic
def application_intake(
    *,
    actor: User,
    household_id: uuid.UUID | str,
    channel: str,
    item_codes: Sequence[str],
    has_consent: bool,
    consent_date: dt.date | None,
    consent_signed_by: str,
    consent_document: str,
    as_of: dt.date | None = None,
) -> Application:
    """Take an application for the items asked for, prefill its 核对 and open the 核对 step.

    Raises:
        NotFound: the household is outside the actor's jurisdiction.
        PermissionDenied: the actor reads the registry but may not take applications.
        ApplicationError: no authorisation for 核对, or a bad field; nothing is saved.
        WorkflowConflict: the household already has an application in progress.
    """
    seen = access_household(
        actor=actor, household_id=household_id, capability=Capability.APPLICATION_INTAKE
    )
    errors = _consent_errors(
        has_consent=has_consent,
        consent_date=consent_date,
        consent_signed_by=consent_signed_by,
        consent_document=consent_document,
    )
    if channel not in Channel.values:
        errors["channel"] = _("请选择申请渠道。")
    codes = list(dict.fromkeys(code for code in item_codes if code))
    items = list(AssistanceItem.objects.filter(code__in=codes, is_active=True))
    if not codes:
        errors["items"] = _("请至少选择一项救助事项。")
    elif len(items) != len(codes):
        errors["items"] = _("所选救助事项不存在或已停用。")
    as_of = as_of or today()
    if as_of > today():
        errors["as_of"] = _("核对基准日不能晚于今天。")
    if errors:
        raise ApplicationError(_("申请未受理：请补齐以下内容。"), fields=errors)
    # The household row serialises two workers taking an application for it at once.
    household = household_lock(household_id=seen.pk)
    if Application.objects.open().filter(household=household).exists():
        raise WorkflowConflict(_("该户已有办理中的救助申请，不能重复受理。"))
    prefill = household_case_prefill(household_id=household.pk, as_of=as_of)
    application = Application.objects.create(
        number=number_next(prefix=APPLICATION_PREFIX),
        household=household,
        division_id=household.division_id,
        channel=channel,
        has_consent=True,
        consent_date=consent_date,
        consent_signed_by=consent_signed_by.strip(),
        consent_document=consent_document.strip(),
        as_of=as_of,
        taken_by=actor,
        prefill={"case": prefill.case, "sources": prefill.sources},
    )
    ApplicationItem.objects.bulk_create(
        ApplicationItem(application=application, item=item, requested=True) for item in items
    )
    intake = step_start(application=application, step=StepKind.INTAKE)
    step_complete(step=intake, actor=actor, outcome=StepOutcome.DONE)
    step_start(application=application, step=StepKind.CHECK)
    application.save(update_fields=["current_step", "updated_at"])
    application_audit(
        actor=actor,
        application=application,
        action=AuditAction.CREATE,
        step=StepKind.INTAKE,
        changes={
            "number": application.number,
            "channel": channel,
            "items": sorted(item.code for item in items),
            "as_of": as_of.isoformat(),
        },
    )
    return application
