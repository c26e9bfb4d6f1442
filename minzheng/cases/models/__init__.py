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
from minzheng.cases.models.attestations import FactAttestation
from minzheng.cases.models.reviews import BenefitReview, TownshipReserve

__all__ = [
    "Application",
    "ApplicationItem",
    "ApplicationQuerySet",
    "ApplicationStep",
    "AssistanceItem",
    "BenefitReview",
    "DailyCounter",
    "FactAttestation",
    "Investigation",
    "Objection",
    "PaymentLedgerEntry",
    "PaymentSchedule",
    "PaymentScheduleQuerySet",
    "TownshipReserve",
]
