"""Separation of duties in the 一件事 workflow, each rule switched per region from a date.

Three rules, shipped on; the county admin turns one off (0) or on again (1) for a region from a
date at /cases/duties/ (``core.dated_settings``: add-only, audited), and every check reads the
rule in force on the day of the act, in the region of the application's 村社:

- 审批独立: the 县级审批 (approve or refuse) is not made by whoever took the application (受理)
  or completed one of its 镇街审核 steps.
- 村社步骤由本村社办理: a step ``steps.STEP_PLAN`` marks ``done_by_owner`` (核对, 入户调查) is
  done by the 村社's own worker; a 镇街 or county worker, who may act on it anyway, records it
  on the 村社's behalf only with a written reason, kept on the step row and in its audit.
- 书面意见: 镇街审核 and 县级审批 carry a written opinion whatever their decision. A return, a
  refusal and an objection's resolution need their reasons whether this rule is on or off: the
  family is owed them (a refusal is notified with its reasons; ADR 0010, ADR 0016).
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.cases.enums import CasesErrorCode, StepKind
from minzheng.cases.models import Application, ApplicationStep, DutyRuleSetting
from minzheng.cases.permissions import owner_division_code
from minzheng.cases.steps import RULES
from minzheng.core.clock import today
from minzheng.core.dated_settings import Number, SettingsSpec, values_in_force
from minzheng.core.exceptions import Message, PermissionDenied
from minzheng.core.rule_values import RULE_FILE_NAME, load
from minzheng.eligibility.rules.regions import REGIONS
from minzheng.eligibility.selectors.snapshot import region_of

ON_BEHALF_REASON_MAX = 500


class Duty(StrEnum):
    APPROVER_INDEPENDENT = "approver_independent"
    VILLAGE_STEP_BY_VILLAGE = "village_step_by_village"
    WRITTEN_OPINION = "written_opinion"


@dataclass(frozen=True)
class DutyRule:
    label: Promise
    # The document the shipped "on" rests on, and what of it is our own reading.
    reference: Promise


_MEASURES = "《最低生活保障审核确认办法》(民发〔2021〕57号)"

DUTY_RULES: dict[Duty, DutyRule] = {
    Duty.APPROVER_INDEPENDENT: DutyRule(
        gettext_lazy("县级审批人不得是该申请的受理人或镇街审核人"),
        format_lazy(
            gettext_lazy(
                "{measures} 规定乡镇(街道)审核、县级民政部门审核确认分级办理；"
                "受理人、审核人不得作审核确认系本系统的内控假设。"
            ),
            measures=_MEASURES,
        ),
    ),
    Duty.VILLAGE_STEP_BY_VILLAGE: DutyRule(
        gettext_lazy("核对、入户调查由本村(社区)工作人员办理，他人代办须写明理由"),
        format_lazy(
            gettext_lazy(
                "{measures} 规定村(居)民委员会协助做好调查核实；代办须写明理由系本系统的内控假设。"
            ),
            measures=_MEASURES,
        ),
    ),
    Duty.WRITTEN_OPINION: DutyRule(
        gettext_lazy("镇街审核、县级审批无论同意与否均须填写书面意见"),
        format_lazy(
            gettext_lazy(
                "{measures} 规定乡镇(街道)提出审核意见、县级民政部门作出审核确认；"
                "同意时也须写明意见系本系统的内控假设。"
            ),
            measures=_MEASURES,
        ),
    ),
}
ON, OFF = Decimal(1), Decimal(0)
# Shipped on, each with its start and reference (``rule_values.yaml``, ADR 0034).
SHIPPED_VALUES = load(Path(__file__).with_name(RULE_FILE_NAME))


def duty_names() -> list[str]:
    return [duty.value for duty in Duty]


def duty_values(*, region: str | None, day: dt.date) -> dict[Duty, bool]:
    """Each rule in force in ``region`` on ``day``: shipped on, unless the admin added a value."""
    rules = {duty: SHIPPED_VALUES.number(duty.value) == ON for duty in Duty}
    if region is None:
        return rules
    values, _latest = values_in_force(DutyRuleSetting, region=region, day=day)
    for name, value in values.items():
        rules[Duty(name)] = value == ON
    return rules


def duty_on(duty: Duty, *, application: Application) -> bool:
    """Whether ``duty`` applies today to the application (region of its 村社)."""
    return duty_values(region=region_of(application.division_id), day=today())[duty]


def _valid(name: str, number: Decimal) -> Message | None:
    if number not in (ON, OFF):
        return _("请填写 1(启用)或 0(停用)。")
    return None


def _numbers(region: str | None, day: dt.date) -> Mapping[str, Number]:
    return {duty.value: int(on) for duty, on in duty_values(region=region, day=day).items()}


DUTY_SETTINGS = SettingsSpec(
    model=DutyRuleSetting,
    names=duty_names,
    regions=REGIONS,
    numbers=_numbers,
    valid=_valid,
    may_edit=lambda user: user.has_capability(Capability.PARAMETER_EDIT),
    shipped=SHIPPED_VALUES,
    audit_target="cases.duty_rule_setting",
    label=lambda name: str(DUTY_RULES[Duty(name)].label),
)


class DutyConflict(PermissionDenied):
    """The actor holds the right to act on the step but not on this application (HTTP 403)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.extra = {"reason": CasesErrorCode.SEPARATION_OF_DUTIES.value}


def approver_conflict(*, actor: User, application: Application) -> Message | None:
    """Why the actor may not make the 县级审批 of this application, or None."""
    if not duty_on(Duty.APPROVER_INDEPENDENT, application=application):
        return None
    if application.taken_by_id == actor.pk:
        return _("您是该申请的受理人，按职责分离规定不能作县级审批，请由其他审批人办理。")
    reviewed = ApplicationStep.objects.filter(
        application=application,
        kind=StepKind.TOWNSHIP_REVIEW,
        completed_by=actor,
        completed_at__isnull=False,
    )
    if reviewed.exists():
        return _("您办理了该申请的镇街审核，按职责分离规定不能作县级审批，请由其他审批人办理。")
    return None


def approver_check(*, actor: User, application: Application) -> None:
    """Refuse the 县级审批 to the application's taker or 镇街 reviewer (DutyConflict)."""
    conflict = approver_conflict(actor=actor, application=application)
    if conflict:
        raise DutyConflict(conflict)


@dataclass(frozen=True)
class OnBehalf:
    """Who a 村社 step was done for: ``division_code`` when someone else did it, else None."""

    division_code: int | None = None
    reason: str = ""

    def audit(self) -> dict[str, object]:
        if self.division_code is None:
            return {}
        return {"on_behalf_of": self.division_code, "on_behalf_reason": self.reason}


def acts_for(*, actor: User, application: Application, step: str) -> int | None:
    """The 村社 the actor would do ``step`` for, when it is a 村社 step and not the actor's own."""
    if not step or not RULES[StepKind(step)].done_by_owner:
        return None
    owner = owner_division_code(village_code=application.division_id, step=StepKind(step))
    return None if actor.jurisdiction_id == owner else owner


def village_duty(
    *,
    actor: User,
    application: Application,
    step: StepKind,
    reason: str,
    errors: dict[str, Message],
) -> OnBehalf:
    """Whether the actor does ``step`` for its 村社, with the reason the rule asks for.

    A missing reason, when the rule is on, is added to ``errors`` under ``on_behalf_reason``.
    Steps the plan does not mark ``done_by_owner`` are never done on anyone's behalf.
    """
    owner = acts_for(actor=actor, application=application, step=step)
    if owner is None:
        return OnBehalf()
    reason = reason.strip()
    if not reason and duty_on(Duty.VILLAGE_STEP_BY_VILLAGE, application=application):
        errors["on_behalf_reason"] = _(
            "该步骤由村(社区)办理；代为办理须填写代办理由，如“村社工作人员病假”。"
        )
    elif len(reason) > ON_BEHALF_REASON_MAX:
        errors["on_behalf_reason"] = _("代办理由不能超过 500 字。")
    return OnBehalf(division_code=owner, reason=reason)


def opinion_required(*, application: Application) -> bool:
    """Whether an agreeing 镇街审核 or 县级审批 needs a written opinion today."""
    return duty_on(Duty.WRITTEN_OPINION, application=application)
