from minzheng.cases.models.applications import (
    Application,
    ApplicationItem,
    ApplicationQuerySet,
    ApplicationStep,
    AssistanceItem,
    DailyCounter,
    Investigation,
    Objection,
    PaymentSchedule,
    PaymentScheduleQuerySet,
)
from minzheng.cases.models.attestations import FactAttestation
from minzheng.cases.models.caseload import CaseloadEntry, CaseloadReview
from minzheng.cases.models.notices import RemedyBodySetting
from minzheng.cases.models.reviews import BenefitReview, TownshipReserve
from minzheng.cases.models.settings import DutyRuleSetting

__all__ = [
    "Application",
    "ApplicationItem",
    "ApplicationQuerySet",
    "ApplicationStep",
    "AssistanceItem",
    "BenefitReview",
    "CaseloadEntry",
    "CaseloadReview",
    "DailyCounter",
    "DutyRuleSetting",
    "FactAttestation",
    "Investigation",
    "Objection",
    "PaymentSchedule",
    "PaymentScheduleQuerySet",
    "RemedyBodySetting",
    "TownshipReserve",
]
