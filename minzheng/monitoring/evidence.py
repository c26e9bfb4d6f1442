"""What each closing outcome requires, checked before anything is written."""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from minzheng.cases.selectors.support import household_application_find
from minzheng.core.exceptions import ApplicationError
from minzheng.core.ids import record_id_or_none
from minzheng.monitoring.enums import Outcome
from minzheng.visits.enums import ReferralDepartment
from minzheng.visits.selectors import household_visit_exists

TEXT_LIMIT = 500
# Assumption (no rule fixes it): a referral note short of this cannot say what the receiving
# department is asked to do ("x" was accepted); 8 characters hold "申请大病医疗救助".
REFERRAL_NOTE_MIN_CHARS = 8


@dataclass(frozen=True)
class CheckedEvidence:
    outcome: Outcome
    evidence: dict[str, str]
    application_id: uuid.UUID | None = None


def _field(evidence: Mapping[str, str], name: str) -> str:
    return str(evidence.get(name) or "").strip()[:TEXT_LIMIT]


def _refuse(field: str, message: str) -> ApplicationError:
    return ApplicationError(message, fields={field: message})


def _visit(evidence: Mapping[str, str], household_id: uuid.UUID) -> CheckedEvidence:
    visit_id = record_id_or_none(_field(evidence, "visit"))
    if visit_id is None:
        raise _refuse("visit", _("核实不困难须选择该户的探访记录。"))
    if not household_visit_exists(household_id=household_id, visit_id=visit_id):
        raise _refuse("visit", _("找不到该户的这条探访记录。"))
    return CheckedEvidence(Outcome.NOT_IN_DIFFICULTY, {"visit": str(visit_id)})


def _application(evidence: Mapping[str, str], household_id: uuid.UUID) -> CheckedEvidence:
    text = _field(evidence, "application")
    if not text:
        raise _refuse("application", _("纳入救助须填写救助申请编号。"))
    found = household_application_find(household_id=household_id, reference=text)
    if found is None:
        raise _refuse("application", _("找不到该户的这份救助申请。"))
    application_id, number = found
    return CheckedEvidence(Outcome.ASSISTED, {"application": number}, application_id=application_id)


def _referral(evidence: Mapping[str, str]) -> CheckedEvidence:
    department, note = _field(evidence, "department"), _field(evidence, "note")
    if not department:
        raise _refuse("department", _("转介须填写接收部门。"))
    if department not in ReferralDepartment.values:
        raise _refuse("department", _("接收部门须从列表中选择。"))
    if not note:
        raise _refuse("note", _("转介须填写转介说明。"))
    if len(note) < REFERRAL_NOTE_MIN_CHARS:
        raise _refuse(
            "note",
            _("转介说明至少 %(count)d 个字：写明需要接收部门办理什么。")
            % {"count": REFERRAL_NOTE_MIN_CHARS},
        )
    return CheckedEvidence(Outcome.REFERRED, {"department": department, "note": note})


def _charity(evidence: Mapping[str, str]) -> CheckedEvidence:
    reference = _field(evidence, "reference")
    if not reference:
        raise _refuse("reference", _("慈善链接须填写微心愿或慈善项目编号。"))
    return CheckedEvidence(Outcome.CHARITY, {"reference": reference})


def outcome_evidence(
    *, outcome: str, evidence: Mapping[str, str], household_id: uuid.UUID
) -> CheckedEvidence:
    """The outcome and its cleaned evidence; ApplicationError in Chinese when it falls short."""
    if outcome == Outcome.NOT_IN_DIFFICULTY:
        return _visit(evidence, household_id)
    if outcome == Outcome.ASSISTED:
        return _application(evidence, household_id)
    if outcome == Outcome.REFERRED:
        return _referral(evidence)
    if outcome == Outcome.CHARITY:
        return _charity(evidence)
    raise _refuse("outcome", _("请选择处置结果。"))
