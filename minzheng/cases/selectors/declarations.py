"""The household's declarations (申报) an application's 核对 recorded, and what rests on them."""

import datetime as dt
import uuid
from typing import NamedTuple

from minzheng.cases.case_values import display_value, field_label
from minzheng.cases.enums import ApplicationStatus
from minzheng.cases.models import Application, FactAttestation
from minzheng.integration.declarations import HouseholdDeclaration


class DeclaredFact(NamedTuple):
    """One declared fact as a document names it: ``(label, value, document)``."""

    label: str  # 金融资产(元)
    value: str  # as the page shows it: 0.00, 否
    document: str  # the evidence's number, e.g. a 家庭经济状况声明书
    reason: str = ""
    recorded_on: dt.date | None = None


def application_declarations(application: Application) -> list[DeclaredFact]:
    """Every declaration recorded at the application's 核对, in the case's order of facts."""
    case = application.case or (application.prefill or {}).get("case") or {}
    return [
        DeclaredFact(
            label=field_label(case, attestation.path),
            value=display_value(attestation.path, attestation.declared_value),
            document=attestation.document_number,
            reason=attestation.reason,
            recorded_on=attestation.created_at.date(),
        )
        for attestation in FactAttestation.objects.filter(application=application).order_by("path")
    ]


def declared_facts(application: Application) -> list[DeclaredFact]:
    """The declarations an approval rests on: for the decision notice.

    Empty unless the application was approved with at least one item the rules judged: the
    rules read the declared facts, so the grant rests on them. Declarations are written only
    at 核对 and a decision is final, so this reads the same whenever the notice is printed.
    """
    if application.status != ApplicationStatus.APPROVED:
        return []
    granted_by_rules = application.items.filter(granted=True).exclude(item__programme="")
    if not granted_by_rules.exists():
        return []
    return application_declarations(application)


def rests_on_declaration(application: Application) -> bool:
    return bool(declared_facts(application))


def household_declarations_for_report(household_id: uuid.UUID) -> list[HouseholdDeclaration]:
    """The declarations of the household's latest application that has any, for 核对报告.

    Registered with ``integration.declarations``: the report is read by whoever may read the
    household's 核对报告, which its view has already checked.
    """
    latest = (
        FactAttestation.objects.filter(application__household_id=household_id)
        .order_by("-application__created_at")
        .values_list("application_id", flat=True)
        .first()
    )
    if latest is None:
        return []
    return [
        HouseholdDeclaration(
            fact=attestation.path,
            value=display_value(attestation.path, attestation.declared_value),
            document=attestation.document_number,
            recorded_on=attestation.created_at.date(),
            application_number=attestation.application.number,
        )
        for attestation in FactAttestation.objects.filter(application_id=latest).select_related(
            "application"
        )
    ]
