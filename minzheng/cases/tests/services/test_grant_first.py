import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command

from minzheng.accounts.enums import Role
from minzheng.cases.enums import StepKind
from minzheng.cases.models import PaymentSchedule, TownshipReserve
from minzheng.cases.services.approval import ItemDecision, application_approve
from minzheng.cases.services.grant_first import temporary_grant_first, township_reserve_set
from minzheng.cases.services.proposal import application_item_propose
from minzheng.cases.tests.conftest import DANGHU, ZHAPU
from minzheng.cases.tests.factories import POOR_CASE, application_at
from minzheng.core.exceptions import ApplicationError, NotFound, PermissionDenied
from minzheng.core.models import AuditEvent


@pytest.fixture
def reserve(frozen, county_worker):
    return township_reserve_set(
        actor=county_worker, township_code=DANGHU, year=2026, budget=Decimal("5000")
    )


def _application(step=StepKind.INVESTIGATION):
    return application_at(step, items=("dibao", "temporary"), case=POOR_CASE)


@pytest.mark.django_db
def test_township_pays_first_from_its_reserve(reserve, township_worker):
    application = _application()
    row = temporary_grant_first(
        actor=township_worker,
        application_id=application.pk,
        amount=Decimal("2000"),
        reason="突发火灾，房屋受损",
    )
    assert (row.granted, row.granted_amount) == (True, Decimal("2000.00"))
    reserve.refresh_from_db()
    assert reserve.spent == Decimal("2000.00")
    # Owed once, this month; the township's next payment batch pays it (nothing is paid here).
    schedule = PaymentSchedule.objects.get(application_item=row)
    assert (schedule.start_month, schedule.end_month, schedule.monthly_amount) == (
        dt.date(2026, 11, 1),
        dt.date(2026, 11, 1),
        Decimal("2000.00"),
    )
    event = AuditEvent.objects.filter(target_id=str(application.pk)).latest("occurred_at")
    assert event.changes["amount"] == "2000.00"


@pytest.mark.django_db
def test_the_amount_is_capped_at_three_months_of_the_standard(reserve, township_worker):
    application = _application()
    with pytest.raises(ApplicationError) as refused:
        temporary_grant_first(
            actor=township_worker,
            application_id=application.pk,
            amount=Decimal("3435.01"),
            reason="急病",
        )
    assert "3435.00 元" in str(refused.value.fields["amount"])
    reserve.refresh_from_db()
    assert reserve.spent == 0
    assert not PaymentSchedule.objects.exists()


@pytest.mark.django_db
def test_an_exhausted_reserve_sends_it_to_the_county(reserve, township_worker):
    first, second = _application(), _application()
    temporary_grant_first(
        actor=township_worker, application_id=first.pk, amount=Decimal("3000"), reason="火灾"
    )
    with pytest.raises(ApplicationError, match="备用金不足"):
        temporary_grant_first(
            actor=township_worker, application_id=second.pk, amount=Decimal("3000"), reason="火灾"
        )
    reserve.refresh_from_db()
    assert reserve.spent == Decimal("3000.00")
    assert PaymentSchedule.objects.count() == 1


@pytest.mark.django_db
def test_only_once_and_only_by_the_township(reserve, township_worker, village_worker, make_staff):
    application = _application()
    with pytest.raises(PermissionDenied):
        temporary_grant_first(
            actor=village_worker, application_id=application.pk, amount=Decimal("100"), reason="x"
        )
    with pytest.raises(NotFound):
        temporary_grant_first(
            actor=make_staff(Role.TOWNSHIP_WORKER, ZHAPU),
            application_id=application.pk,
            amount=Decimal("100"),
            reason="x",
        )
    temporary_grant_first(
        actor=township_worker, application_id=application.pk, amount=Decimal("100"), reason="x"
    )
    with pytest.raises(ApplicationError, match="已经先行救助过"):
        temporary_grant_first(
            actor=township_worker, application_id=application.pk, amount=Decimal("100"), reason="x"
        )


@pytest.mark.django_db
def test_the_amount_cannot_be_changed_after_and_approval_does_not_pay_twice(
    reserve, township_worker, village_worker, county_worker
):
    application = _application(StepKind.INVESTIGATION)
    temporary_grant_first(
        actor=township_worker, application_id=application.pk, amount=Decimal("1500"), reason="急病"
    )
    with pytest.raises(ApplicationError, match="已先行救助"):
        application_item_propose(
            actor=village_worker,
            application_id=application.pk,
            item_code="temporary",
            eligible=True,
            amount=Decimal("3000"),
            note="病情加重",
        )
    approval = application_at(StepKind.COUNTY_APPROVAL, items=("temporary",), case=POOR_CASE)
    temporary_grant_first(
        actor=township_worker, application_id=approval.pk, amount=Decimal("800"), reason="急病"
    )
    application_approve(
        actor=county_worker,
        application_id=approval.pk,
        decisions={"temporary": ItemDecision(grant=True)},
        reason="同意",
    )
    assert PaymentSchedule.objects.filter(application_item__application=approval).count() == 1


@pytest.mark.django_db
def test_reserve_is_set_by_the_county_never_below_what_was_paid(
    reserve, township_worker, county_worker
):
    temporary_grant_first(
        actor=township_worker,
        application_id=_application().pk,
        amount=Decimal("2000"),
        reason="火灾",
    )
    with pytest.raises(ApplicationError, match=r"不能低于已使用的 2000\.00 元"):
        township_reserve_set(
            actor=county_worker, township_code=DANGHU, year=2026, budget=Decimal("1000")
        )
    with pytest.raises(PermissionDenied):
        township_reserve_set(
            actor=township_worker, township_code=DANGHU, year=2026, budget=Decimal("9000")
        )
    call_command(
        "cases",
        "reserve",
        "--township",
        str(DANGHU),
        "--year",
        "2026",
        "--budget",
        "8000",
        "--user",
        county_worker.username,
    )
    assert TownshipReserve.objects.get().budget == Decimal("8000.00")
