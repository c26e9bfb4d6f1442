"""核对: the caseworker confirms or corrects each value, naming the source of every change."""

import copy
from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.accounts.models import User
from minzheng.cases.case_values import case_leaves, case_set, parse_value, source_for
from minzheng.cases.duties import village_duty
from minzheng.cases.enums import StepKind, StepOutcome
from minzheng.cases.models import Application
from minzheng.cases.permissions import access_application_step
from minzheng.cases.services.declarations import Declaration, DeclarationDraft
from minzheng.cases.services.proposal import proposal_run
from minzheng.cases.services.workflow import (
    application_audit,
    application_lock,
    expect_step,
    open_step,
    step_complete,
    step_start,
)
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError, Message
from minzheng.core.ids import RecordId

SOURCE_MAX = 200


def confirmed_default_source() -> str:
    """The source recorded for a value no department supplied and the worker left as it was."""
    return _("经办人确认(无部门数据)")


def check_baseline(application: Application) -> tuple[dict[str, object], dict[str, str]]:
    """The case and sources the 核对 starts from: the last confirmed ones, else the prefill."""
    if application.case:
        return dict(application.case), dict(application.case_sources)
    prefill = application.prefill or {}
    case = prefill.get("case") or {}
    sources = prefill.get("sources") or {}
    return dict(case), {str(k): str(v) for k, v in dict(sources).items()}


@transaction.atomic
def application_check_confirm(
    *,
    actor: User,
    application_id: RecordId,
    values: Mapping[str, str],
    sources: Mapping[str, str],
    on_behalf_reason: str = "",
    declarations: Mapping[str, Declaration] | None = None,
) -> Application:
    """Confirm the 核对, run the rules' proposal and open the 入户调查.

    ``values`` holds the form's text per path (a path left out keeps its value); ``sources``
    the worker's source per path. A value that differs from the baseline must carry a source.
    A 镇街 or county worker confirms it on the 村社's behalf with ``on_behalf_reason``
    (``duties.village_duty``).
    A fact no department reported (未核对) stays so while left blank; given a value, it is the
    household's declaration and needs ``declarations[path]``: a reason and the evidence
    document's number. It is stored as a ``FactAttestation`` and is what the rules judge.

    Raises:
        ApplicationError: a value that does not parse, a change without a source, or a case the
            rules cannot judge; every problem is keyed by its path and nothing is saved.
        WorkflowConflict: the application is not at 核对.
    """
    access_application_step(actor=actor, application_id=application_id, step=StepKind.CHECK)
    application = application_lock(application_id=application_id)
    expect_step(application, StepKind.CHECK)
    baseline, baseline_sources = check_baseline(application)
    case = copy.deepcopy(baseline)
    case["case_id"] = application.number
    case["as_of"] = application.as_of.isoformat()
    final_sources: dict[str, str] = {}
    errors: dict[str, Message] = {}
    on_behalf = village_duty(
        actor=actor,
        application=application,
        step=StepKind.CHECK,
        reason=on_behalf_reason,
        errors=errors,
    )
    changed: list[str] = []
    draft = DeclarationDraft(application)
    for path, old in case_leaves(baseline):
        source = sources.get(path, "").strip()[:SOURCE_MAX]
        raw = values.get(path)
        try:
            new = old if raw is None else parse_value(path, raw)
        except ValueError as exc:
            errors[path] = str(exc)
            continue
        if draft.is_declarable(path, old):
            declared = draft.take(path, new, (declarations or {}).get(path), errors)
            if new != old:
                case_set(case, path, new)
                changed.append(path)
            if declared:
                final_sources[path] = declared
            continue
        if new != old:
            if not source:
                errors[path] = _("修改或补充的数值须注明来源，如“申请人提供工资流水”。")
                continue
            case_set(case, path, new)
            changed.append(path)
        final_sources[path] = (
            source or source_for(baseline_sources, path) or confirmed_default_source()
        )
    if errors:
        raise ApplicationError(_("核对数据有误，未保存。"), fields=errors)
    documents = draft.save(actor)
    step_complete(
        step=open_step(application), actor=actor, outcome=StepOutcome.DONE, on_behalf=on_behalf
    )
    application.case = case
    application.case_sources = final_sources
    proposal_run(application=application)
    step_start(application=application, step=StepKind.INVESTIGATION)
    application.save(
        update_fields=[
            "case",
            "case_sources",
            "rules_result",
            "rules_version",
            "current_step",
            "updated_at",
        ]
    )
    application_audit(
        actor=actor,
        application=application,
        action=AuditAction.UPDATE,
        step=StepKind.CHECK,
        changes={
            "changed": sorted(changed),
            "rules_version": application.rules_version,
            **on_behalf.audit(),
            # Which facts rest on a declaration, and its evidence; never the declared values.
            **({"declared": documents} if documents else {}),
            **({"declarations_withdrawn": sorted(draft.withdrawn)} if draft.withdrawn else {}),
        },
    )
    return application
