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
from minzheng.cases.models.notices import RemedyBodySetting
from minzheng.cases.models.reviews import BenefitReview, TownshipReserve

__all__ = [
    "Application",
    "ApplicationItem",
    "ApplicationQuerySet",
    "ApplicationStep",
    "AssistanceItem",
    "BenefitReview",
    "DailyCounter",
    "Investigation",
    "Objection",
    "PaymentLedgerEntry",
    "PaymentSchedule",
    "PaymentScheduleQuerySet",
    "RemedyBodySetting",
    "TownshipReserve",
]
