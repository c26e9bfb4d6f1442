"""Applications at a known step, written straight to the tables; services move them on."""

import datetime as dt
from decimal import Decimal

import factory

from minzheng.cases.enums import (
    ApplicationStatus,
    Channel,
    ObjectionStatus,
    StepKind,
    StepOutcome,
)
from minzheng.cases.models import (
    Application,
    ApplicationItem,
    ApplicationStep,
    AssistanceItem,
    Objection,
    PaymentSchedule,
)
from minzheng.cases.permissions import owner_division_code
from minzheng.cases.steps import RULES
from minzheng.core.clock import now
from minzheng.registry.enums import Relation
from minzheng.registry.tests.factories import HouseholdFactory, MembershipFactory

AS_OF = dt.date(2026, 11, 20)

# One person of 68 living on 620 yuan a month with a son able to support her: 低保 (not 特困),
# 1145 − 620 = 525 yuan a month under the 2024 standard of 330482.
POOR_CASE: dict[str, object] = {
    "case_id": "",
    "region": "330482",
    "as_of": AS_OF.isoformat(),
    "members": [
        {
            "id": "m1",
            "relation": "self",
            "birth_date": "1958-03-02",
            "status": "resident",
            "monthly_income": 620.0,
            "disability_grade": None,
            "disability_kind": None,
            "serious_illness": False,
        }
    ],
    "support_received_monthly": 0,
    "assets": {"financial": 12000, "vehicles": [], "dwellings": 1},
    "rigid_expenditure_annual": 0,
    "has_capable_supporter": True,
}
POOR_SOURCES = {
    "members[0].birth_date": "公安户籍 2026-10-31",
    "members[0].monthly_income": "人社 2026-10-31",
    "assets.dwellings": "不动产 2026-10-31",
}


def poor_home(name: str = "张秀英", **household: object):
    """A household in 松枫社区 whose head is the person of ``POOR_CASE``."""
    home = HouseholdFactory(**household)
    MembershipFactory(
        household=home,
        relation=Relation.HEAD,
        person__name=name,
        person__birth_date=dt.date(1958, 3, 2),
        person__gender="female",
    )
    return home


def item(code: str) -> AssistanceItem:
    return AssistanceItem.objects.get(code=code)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    number = factory.Sequence(lambda n: f"SQ20261120-{n + 1:04d}")
    household = factory.SubFactory(HouseholdFactory)
    division = factory.LazyAttribute(lambda a: a.household.division)
    channel = Channel.WINDOW
    has_consent = True
    consent_date = AS_OF
    consent_signed_by = "张秀英"
    consent_document = factory.Sequence(lambda n: f"SQ-HD-{n:04d}")
    as_of = AS_OF
    status = ApplicationStatus.IN_PROGRESS
    current_step = StepKind.CHECK
    prefill = factory.LazyFunction(lambda: {"case": POOR_CASE, "sources": POOR_SOURCES})


class ApplicationItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationItem
        django_get_or_create = ("application", "item")

    application = factory.SubFactory(ApplicationFactory)
    item = factory.LazyFunction(lambda: item("dibao"))
    requested = True


class ApplicationStepFactory(factory.django.DjangoModelFactory):
    """An open step owned as ``steps.STEP_PLAN`` says, started at the frozen now."""

    class Meta:
        model = ApplicationStep

    application = factory.SubFactory(ApplicationFactory)
    position = factory.LazyAttribute(lambda s: s.application.steps.count() + 1)
    kind = StepKind.CHECK
    owner_role = factory.LazyAttribute(lambda s: RULES[StepKind(s.kind)].owner_role)
    owner_division_id = factory.LazyAttribute(
        lambda s: owner_division_code(village_code=s.application.division_id, step=s.kind)
    )
    due_on = AS_OF
    started_at = factory.LazyFunction(now)


def application_at(
    step: StepKind = StepKind.CHECK, *, household=None, items=("dibao",), **fields
) -> Application:
    """An application whose intake is done and ``step`` is open (earlier steps left out)."""
    household = household or poor_home()
    application = ApplicationFactory(household=household, current_step=step, **fields)
    for code in items:
        ApplicationItemFactory(application=application, item=item(code))
    ApplicationStepFactory(
        application=application,
        kind=StepKind.INTAKE,
        completed_at=now(),
        outcome=StepOutcome.DONE,
    )
    ApplicationStepFactory(application=application, kind=step)
    return application


class ObjectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objection

    application = factory.SubFactory(ApplicationFactory, current_step=StepKind.PUBLICITY)
    step = factory.LazyAttribute(
        lambda o: o.application.steps.filter(kind=StepKind.PUBLICITY).last()
    )
    content = "该户子女有稳定收入。"
    lodged_at = factory.LazyFunction(now)
    status = ObjectionStatus.OPEN


class PaymentScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaymentSchedule

    application_item = factory.SubFactory(
        ApplicationItemFactory,
        application__status=ApplicationStatus.APPROVED,
        application__current_step="",
        granted=True,
        granted_amount=Decimal("525.00"),
    )
    household = factory.LazyAttribute(lambda s: s.application_item.application.household)
    item = factory.LazyAttribute(lambda s: s.application_item.item)
    monthly_amount = Decimal("525.00")
    start_month = dt.date(2026, 12, 1)
