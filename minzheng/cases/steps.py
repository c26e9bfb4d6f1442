"""The workflow as data: each step's owner, capability and time limit, in one table.

The time limits ship in ``cases/rule_values.yaml`` (``<step>.days``) with their start and
reference (ADR 0034): a local rule that changes one (a county giving 入户调查 15 working days)
changes that file only. ``calendar_days`` marks limits counted in calendar days (公示 lasts
7 days whatever the holidays); every other limit is in working days from ``minzheng.workdays``.
"""

from dataclasses import dataclass
from pathlib import Path

from minzheng.accounts.enums import Capability, Role
from minzheng.cases.enums import StepKind
from minzheng.core.rule_values import RULE_FILE_NAME, load
from minzheng.divisions.enums import DivisionLevel


@dataclass(frozen=True)
class StepRule:
    kind: StepKind
    # Whose step it is: the household's 村社 (VILLAGE), its 镇街 (TOWNSHIP) or the county.
    owner_level: DivisionLevel
    owner_role: Role
    # Who may act on it: this capability over the owner division. None: the system acts.
    capability: Capability | None
    days: int
    calendar_days: bool = False
    # Done by the owner division's own worker; anyone above it records it on the owner's
    # behalf, with a reason (``duties.village_duty``).
    done_by_owner: bool = False


SHIPPED = load(Path(__file__).with_name(RULE_FILE_NAME))


def _days(kind: StepKind) -> int:
    return SHIPPED.integer(f"{kind.value}.days")


STEP_PLAN: tuple[StepRule, ...] = (
    StepRule(
        StepKind.INTAKE,
        DivisionLevel.VILLAGE,
        Role.VILLAGE_WORKER,
        Capability.APPLICATION_INTAKE,
        days=_days(StepKind.INTAKE),
    ),
    StepRule(
        StepKind.CHECK,
        DivisionLevel.VILLAGE,
        Role.VILLAGE_WORKER,
        Capability.APPLICATION_INTAKE,
        days=_days(StepKind.CHECK),
        done_by_owner=True,
    ),
    # Runs in the same transaction as the confirmed 核对: no owner acts on it.
    StepRule(
        StepKind.PROPOSAL,
        DivisionLevel.VILLAGE,
        Role.VILLAGE_WORKER,
        None,
        days=_days(StepKind.PROPOSAL),
    ),
    StepRule(
        StepKind.INVESTIGATION,
        DivisionLevel.VILLAGE,
        Role.VILLAGE_WORKER,
        Capability.APPLICATION_INVESTIGATE,
        days=_days(StepKind.INVESTIGATION),
        done_by_owner=True,
    ),
    StepRule(
        StepKind.TOWNSHIP_REVIEW,
        DivisionLevel.TOWNSHIP,
        Role.TOWNSHIP_WORKER,
        Capability.APPLICATION_REVIEW,
        days=_days(StepKind.TOWNSHIP_REVIEW),
    ),
    # Posted in the 村社; the 镇街 handles objections and closes it.
    StepRule(
        StepKind.PUBLICITY,
        DivisionLevel.VILLAGE,
        Role.TOWNSHIP_WORKER,
        Capability.APPLICATION_REVIEW,
        days=_days(StepKind.PUBLICITY),
        calendar_days=True,
    ),
    StepRule(
        StepKind.COUNTY_APPROVAL,
        DivisionLevel.COUNTY,
        Role.COUNTY_CASEWORKER,
        Capability.APPLICATION_APPROVE,
        days=_days(StepKind.COUNTY_APPROVAL),
    ),
    # The refusal or grant must reach the family within 3 working days of the decision.
    StepRule(
        StepKind.DECISION_NOTICE,
        DivisionLevel.COUNTY,
        Role.COUNTY_CASEWORKER,
        Capability.APPLICATION_APPROVE,
        days=_days(StepKind.DECISION_NOTICE),
    ),
)

RULES: dict[StepKind, StepRule] = {rule.kind: rule for rule in STEP_PLAN}
ORDER: dict[StepKind, int] = {rule.kind: index for index, rule in enumerate(STEP_PLAN)}

# How long a publicity runs, and after how many months a granted benefit is reviewed.
PUBLICITY_DAYS = RULES[StepKind.PUBLICITY].days
REVIEW_AFTER_MONTHS = SHIPPED.integer("review_months.stable")
