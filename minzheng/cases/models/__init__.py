from minzheng.cases.models.applications import (
    Application,
    ApplicationItem,
    ApplicationQuerySet,
    ApplicationStep,
    AssistanceItem,
    DailyCounter,
    Investigation,
    Objection,
    PaymentLedgerEntry,
    PaymentSchedule,
    PaymentScheduleQuerySet,
)
from minzheng.cases.models.caseload import CaseloadEntry, CaseloadReview
from minzheng.cases.models.reviews import BenefitReview, TownshipReserve

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
    "Investigation",
    "Objection",
    "PaymentLedgerEntry",
    "PaymentSchedule",
    "PaymentScheduleQuerySet",
    "TownshipReserve",
]
