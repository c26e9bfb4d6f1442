"""Access checks of 救助申请: an application outside the actor's jurisdiction looks like none.

Reading an application needs any of the application capabilities over its 村社. Acting on a
step needs the step's capability (``steps.STEP_PLAN``) over the step's owner division: a 村社
worker acts on the 村社's steps, a 镇街 worker on its 村社's steps and on the 镇街 review, the
county on everything in the county. Staff who may read the application but not act on the step
are told so (403); everyone else learns nothing (404).
"""

from typing import TYPE_CHECKING

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import Actor, jurisdiction_range
from minzheng.cases.enums import StepKind
from minzheng.cases.models import Application, BenefitReview, CaseloadReview, Objection
from minzheng.cases.steps import RULES
from minzheng.core.exceptions import NotFound, PermissionDenied
from minzheng.core.ids import RecordId, record_id
from minzheng.divisions.codes import code_range
from minzheng.registry.permissions import access_household

if TYPE_CHECKING:
    from minzheng.registry.models import Household

VIEW_CAPABILITIES = (
    Capability.APPLICATION_INTAKE,
    Capability.APPLICATION_INVESTIGATE,
    Capability.APPLICATION_REVIEW,
    Capability.APPLICATION_APPROVE,
    Capability.PAYMENT_MANAGE,
    Capability.CASE_READ,  # the auditor: reads, never acts (no step holds this capability)
)


def application_scope(*, actor: Actor) -> tuple[int, int]:
    """The division range whose applications the actor may read.

    Raises PermissionDenied for staff without any application capability (lists refuse them
    with 403); ``access_application`` turns that into NotFound for a single record.
    """
    if not isinstance(actor, User) or actor.jurisdiction is None:
        raise PermissionDenied
    if not any(actor.has_capability(capability) for capability in VIEW_CAPABILITIES):
        raise PermissionDenied
    return actor.jurisdiction.code_range()


def _record_scope(actor: Actor) -> tuple[int, int]:
    try:
        return application_scope(actor=actor)
    except PermissionDenied:
        raise NotFound from None


def access_application_household(*, actor: Actor, household_id: RecordId) -> "Household":
    """The household whose applications the actor may list, on its household page.

    Raises PermissionDenied for staff without any application capability; NotFound when the
    household lies outside the actor's jurisdiction.
    """
    application_scope(actor=actor)
    return access_household(actor=actor, household_id=household_id)


def owner_division_code(*, village_code: int, step: StepKind) -> int:
    """The division that owns ``step`` of an application from ``village_code``."""
    return code_range(village_code, RULES[step].owner_level)[0]


def may_act(*, actor: Actor, application: Application, step: StepKind) -> bool:
    """Whether the actor holds the step's capability over the step's owner division."""
    capability = RULES[step].capability
    if not isinstance(actor, User) or actor.jurisdiction is None or capability is None:
        return False
    owner = owner_division_code(village_code=application.division_id, step=step)
    return actor.has_capability(capability) and actor.jurisdiction.contains(owner)


def access_application(*, actor: Actor, application_id: RecordId) -> Application:
    """The application, with its household and 村社, if the actor may read it; else NotFound."""
    low, high = _record_scope(actor)
    application = (
        Application.objects.in_division_range(low, high)
        .select_related("household", "division")
        .filter(pk=record_id(application_id))
        .first()
    )
    if application is None:
        raise NotFound
    return application


def access_application_step(
    *, actor: Actor, application_id: RecordId, step: StepKind
) -> Application:
    """The application if the actor may act on ``step`` of it.

    Raises:
        NotFound: the actor may not read the application (other jurisdiction, no capability).
        PermissionDenied: the actor reads it but may not act on this step (a 村社 worker and
            the 镇街 review, a 镇街 worker and the county approval).
    """
    application = access_application(actor=actor, application_id=application_id)
    if not may_act(actor=actor, application=application, step=step):
        raise PermissionDenied
    return application


def access_publicity_close(*, actor: Actor, application_id: RecordId) -> None:
    """Whether the actor may end the publicity of this application once its 7 days are over.

    The publicity step's owner may (``access_application_step``); so may the system actor's
    nightly sweep, through ``PUBLICITY_CLOSE`` over the application's 村社, a right no person's
    role holds.
    """
    if isinstance(actor, User) and actor.has_capability(Capability.PUBLICITY_CLOSE):
        low, high = jurisdiction_range(actor=actor, capability=Capability.PUBLICITY_CLOSE)
        if not Application.objects.filter(
            pk=record_id(application_id), division__code__range=(low, high)
        ).exists():
            raise NotFound
        return
    access_application_step(actor=actor, application_id=application_id, step=StepKind.PUBLICITY)


def access_objection(*, actor: Actor, objection_id: RecordId) -> Objection:
    """The objection if the actor may resolve objections to its application's publicity."""
    low, high = _record_scope(actor)
    objection = (
        Objection.objects.select_related("application")
        .filter(pk=record_id(objection_id), application__division__code__range=(low, high))
        .first()
    )
    if objection is None:
        raise NotFound
    if not may_act(actor=actor, application=objection.application, step=StepKind.PUBLICITY):
        raise PermissionDenied
    return objection


def review_scope(*, actor: Actor) -> tuple[int, int]:
    """The division range whose 动态管理 proposals the actor may decide (county approvers)."""
    return jurisdiction_range(actor=actor, capability=Capability.APPLICATION_APPROVE)


def access_benefit_review(*, actor: Actor, review_id: RecordId) -> BenefitReview:
    """The proposal if the actor may decide it; NotFound outside the jurisdiction."""
    try:
        low, high = review_scope(actor=actor)
    except PermissionDenied:
        raise NotFound from None
    review = (
        BenefitReview.objects.select_related("schedule__item", "household")
        .filter(pk=record_id(review_id), household__division__code__range=(low, high))
        .first()
    )
    if review is None:
        raise NotFound
    return review


def caseload_review_scope(*, actor: Actor) -> tuple[int, int]:
    """The division range whose 在册复核 items the actor may resolve: 镇街 reviewers and county
    approvers over their jurisdiction. Raises PermissionDenied for everyone else."""
    for capability in (Capability.APPLICATION_APPROVE, Capability.APPLICATION_REVIEW):
        try:
            return jurisdiction_range(actor=actor, capability=capability)
        except PermissionDenied:
            continue
    raise PermissionDenied


def access_caseload_review(*, actor: Actor, review_id: RecordId) -> CaseloadReview:
    """The 复核 item if the actor may resolve it; NotFound outside the jurisdiction."""
    try:
        low, high = caseload_review_scope(actor=actor)
    except PermissionDenied:
        raise NotFound from None
    review = (
        CaseloadReview.objects.select_related("application_item__item", "household")
        .filter(pk=record_id(review_id), household__division__code__range=(low, high))
        .first()
    )
    if review is None:
        raise NotFound
    return review
