"""Reads of applications for staff, always inside the reader's jurisdiction."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from minzheng.accounts.models import User
from minzheng.accounts.permissions import Actor
from minzheng.cases.case_values import (
    FIELDS,
    UNVERIFIABLE,
    FieldSpec,
    case_leaves,
    display_value,
    field_label,
    form_value,
    leaf_name,
    source_for,
)
from minzheng.cases.duties import acts_for, approver_conflict
from minzheng.cases.enums import ApplicationStatus, ObjectionStatus, ProposalSource, StepKind
from minzheng.cases.models import (
    Application,
    ApplicationItem,
    ApplicationStep,
    AssistanceItem,
    FactAttestation,
    Investigation,
    Objection,
    PaymentSchedule,
)
from minzheng.cases.permissions import application_scope, may_act
from minzheng.cases.steps import ORDER, STEP_PLAN, StepRule
from minzheng.core.exceptions import Message
from minzheng.registry.selectors import current_members_prefetch, household_members

if TYPE_CHECKING:
    from minzheng.registry.models import Membership

_HEADS = Prefetch(
    "household__memberships",
    queryset=current_members_prefetch(heads_only=True),
    to_attr="heads",
)


@dataclass(frozen=True)
class ApplicationPage:
    applications: Sequence[Application]
    page: int
    has_next: bool


def application_list(
    *,
    actor: Actor,
    status: str = "",
    step: str = "",
    page: int = 1,
    page_size: int = 20,
) -> ApplicationPage:
    """Applications in the actor's jurisdiction, newest first, with their heads and items.

    Three queries per page whatever its length; fetched one row past the page to learn
    whether another follows.
    """
    low, high = application_scope(actor=actor)
    applications: QuerySet[Application] = Application.objects.in_division_range(low, high)
    if status in ApplicationStatus.values:
        applications = applications.filter(status=status)
    if step in StepKind.values:
        applications = applications.filter(current_step=step)
    page = max(page, 1)
    skip = (page - 1) * page_size
    rows = list(
        applications.select_related("household", "division")
        .prefetch_related(
            _HEADS,
            # Only what the household asked for: an item the rules added is no request.
            Prefetch(
                "items",
                queryset=ApplicationItem.objects.filter(requested=True).select_related("item"),
                to_attr="requested_items",
            ),
            Prefetch(
                "steps",
                queryset=ApplicationStep.objects.filter(completed_at__isnull=True),
                to_attr="open_steps",
            ),
        )
        .order_by("-created_at", "-number")[skip : skip + page_size + 1]
    )
    return ApplicationPage(rows[:page_size], page, has_next=len(rows) > page_size)


@dataclass(frozen=True)
class CheckRow:
    path: str
    label: str
    value: str  # as the form field holds it
    shown: str  # as the page shows it
    source: str
    spec: FieldSpec | None
    # 未核对 (no department data, no declaration) or declared: a value only by declaration.
    declarable: bool = False
    declaration: FactAttestation | None = None

    @property
    def kind(self) -> str:
        return self.spec.kind if self.spec else "text"

    @property
    def is_unverified(self) -> bool:
        return self.declarable and self.declaration is None


def check_rows(
    *,
    case: dict[str, object],
    sources: dict[str, str],
    declarations: dict[str, FactAttestation] | None = None,
) -> list[CheckRow]:
    """The values of a case with their labels, sources and declarations, in the case's order."""
    declared = declarations or {}
    return [
        CheckRow(
            path=path,
            label=field_label(case, path),
            value=form_value(value),
            shown=display_value(path, value),
            source=source_for(sources, path),
            spec=FIELDS.get(leaf_name(path)),
            declarable=path in UNVERIFIABLE and (value is None or path in declared),
            declaration=declared.get(path),
        )
        for path, value in case_leaves(case)
    ]


@dataclass(frozen=True)
class PlannedStep:
    rule: StepRule
    label: str


@dataclass(frozen=True)
class ApplicationDetail:
    application: Application
    members: list["Membership"]
    steps: list[ApplicationStep]
    planned: list[PlannedStep]  # steps not reached yet, in order
    items: list[ApplicationItem]
    investigations: list[Investigation]
    objections: list[Objection]
    open_objections: int
    schedules: list[PaymentSchedule]  # what the decision owes; the payments app pays it
    check: list[CheckRow]
    can_act: bool  # the actor may act on the current step
    can_resolve_objections: bool
    worker_items: list[AssistanceItem]  # items the worker may propose during 入户调查
    # The 村社 the actor would do the current step for (``duties.acts_for``), and why the actor
    # may not make this 县级审批 (``duties.approver_conflict``).
    acts_for: int | None = None
    approver_conflict: Message | None = None

    @property
    def current(self) -> ApplicationStep | None:
        return next((step for step in self.steps if step.completed_at is None), None)

    @property
    def is_held(self) -> bool:
        return self.open_objections > 0

    @property
    def pending_item_names(self) -> list[str]:
        """Items the rules left 待核对: the county cannot grant them until 核对 is completed."""
        return [
            row.item.name
            for row in self.items
            if row.eligible is None and row.proposal_source == ProposalSource.RULES
        ]


def application_detail(*, actor: Actor, application: Application) -> ApplicationDetail:
    """Everything the application page shows, for an application the actor may read.

    A fixed number of queries whatever the family's size or the number of steps.
    """
    steps = list(
        application.steps.select_related("owner_division", "completed_by").order_by("position")
    )
    members = household_members(household_id=application.household_id)
    items = list(application.items.select_related("item"))
    objections = list(application.objections.select_related("resolved_by"))
    reached = ORDER[StepKind(application.current_step)] if application.current_step else None
    planned = (
        [
            PlannedStep(rule, str(rule.kind.label))
            for rule in STEP_PLAN
            if ORDER[rule.kind] > reached
        ]
        if reached is not None
        else []
    )
    if application.case:
        case, sources = dict(application.case), dict(application.case_sources)
    else:
        prefill = application.prefill or {}
        case = dict(prefill.get("case") or {})
        sources = {str(k): str(v) for k, v in dict(prefill.get("sources") or {}).items()}
    current_step = StepKind(application.current_step) if application.current_step else None
    can_act = current_step is not None and may_act(
        actor=actor, application=application, step=current_step
    )
    user = actor if can_act and isinstance(actor, User) else None
    return ApplicationDetail(
        application=application,
        members=members,
        steps=steps,
        planned=planned,
        items=items,
        investigations=list(
            Investigation.objects.filter(step__application=application)
            .select_related("recorded_by")
            .order_by("created_at")
        ),
        objections=objections,
        open_objections=sum(1 for o in objections if o.status == ObjectionStatus.OPEN),
        schedules=list(
            PaymentSchedule.objects.filter(application_item__application=application)
            .select_related("item")
            .order_by("item__display_order", "start_month")
        ),
        check=check_rows(
            case=case,
            sources=sources,
            declarations={
                a.path: a for a in application.attestations.select_related("recorded_by")
            },
        ),
        can_act=can_act,
        can_resolve_objections=may_act(
            actor=actor, application=application, step=StepKind.PUBLICITY
        ),
        worker_items=list(AssistanceItem.objects.filter(is_active=True, programme="")),
        acts_for=acts_for(actor=user, application=application, step=current_step)
        if user is not None and current_step is not None
        else None,
        approver_conflict=approver_conflict(actor=user, application=application)
        if user is not None and current_step == StepKind.COUNTY_APPROVAL
        else None,
    )
