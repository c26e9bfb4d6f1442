"""Recording a visit: the plan moves on, needs become wishes and referrals, resends are safe."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest

from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError, NotFound, PermissionDenied
from minzheng.core.models import AuditEvent
from minzheng.profiling.enums import Colour
from minzheng.visits.enums import ReferralStatus, WishPrivacy, WishStatus
from minzheng.visits.models import Referral, Visit, Wish
from minzheng.visits.services.visits import visit_record
from minzheng.visits.tests.factories import CST, draft, home, plan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
YOULIAN = 330482103217


def test_visit_updates_the_plan_by_colour_and_files_wish_and_referrals(village_worker):
    household = home()
    existing = plan(household, colour=Colour.RED, next_due_at=dt.datetime(2026, 11, 21, tzinfo=CST))

    saved = visit_record(
        actor=village_worker,
        household_id=household.pk,
        draft=draft(
            needs=["meals", "medical"],
            wish_item="电饭煲",
            wish_value=Decimal("300"),
            referral_departments=["health", "medical_insurance"],
            referral_note="慢病复诊",
        ),
    )

    visit = Visit.objects.get()
    assert saved.created is True
    assert saved.visit == visit
    assert visit.needs == ["meals", "medical"]
    assert visit.visitor == village_worker
    assert visit.next_due_at == dt.datetime(2026, 11, 27, 9, 0, tzinfo=CST)
    existing.refresh_from_db()
    assert existing.last_visited_at == dt.datetime(2026, 11, 20, 9, 0, tzinfo=CST)
    assert existing.next_due_at == dt.datetime(2026, 11, 27, 9, 0, tzinfo=CST)
    wish = Wish.objects.get()
    assert (wish.household_id, wish.item, wish.estimated_value, wish.privacy_level) == (
        household.pk,
        "电饭煲",
        Decimal("300.00"),
        WishPrivacy.PUBLIC,
    )
    assert wish.status == WishStatus.OPEN
    assert sorted(Referral.objects.values_list("department", "note", "status")) == [
        ("health", "慢病复诊", ReferralStatus.OPEN),
        ("medical_insurance", "慢病复诊", ReferralStatus.OPEN),
    ]
    event = AuditEvent.objects.get()
    assert (event.action, event.target_type, event.target_id) == (
        AuditAction.CREATE,
        "visits.visit",
        str(visit.pk),
    )
    assert event.changes == {
        "household": str(household.pk),
        "mode": "home",
        "visited_at": "2026-11-20T01:00:00+00:00",
        "needs": ["meals", "medical"],
        "has_photo": False,
        "wishes": 1,
        "referrals": ["health", "medical_insurance"],
        "next_due_at": "2026-11-27T01:00:00+00:00",
    }


def test_next_due_date_from_the_form_ends_that_day(village_worker):
    household = home()
    existing = plan(
        household, colour=Colour.GREEN, next_due_at=dt.datetime(2026, 11, 21, tzinfo=CST)
    )

    visit_record(
        actor=village_worker,
        household_id=household.pk,
        draft=draft(next_due_on=dt.date(2026, 12, 1)),
    )

    existing.refresh_from_db()
    assert existing.next_due_at == dt.datetime(2026, 12, 2, 0, 0, tzinfo=CST)
    assert existing.due_on == dt.date(2026, 12, 1)


def test_resend_with_the_same_submission_returns_the_saved_visit(village_worker):
    household = home()
    first = visit_record(actor=village_worker, household_id=household.pk, draft=draft())

    again = visit_record(
        actor=village_worker, household_id=household.pk, draft=draft(findings="改过的内容")
    )

    assert again.created is False
    assert again.visit.pk == first.visit.pk
    assert Visit.objects.get().findings == "老人身体尚可，独居，冰箱空了。"
    assert AuditEvent.objects.count() == 1


def test_submission_id_of_another_household_is_refused(village_worker):
    visit_record(actor=village_worker, household_id=home().pk, draft=draft())

    with pytest.raises(ApplicationError) as refused:
        visit_record(actor=village_worker, household_id=home().pk, draft=draft())

    assert refused.value.code == "conflict"
    assert Visit.objects.count() == 1
    assert AuditEvent.objects.count() == 1


def test_household_outside_the_jurisdiction_looks_like_none(village_worker):
    household = home(division=YOULIAN)

    with pytest.raises(NotFound):
        visit_record(actor=village_worker, household_id=household.pk, draft=draft())

    assert not Visit.objects.exists()
    assert not AuditEvent.objects.exists()


def test_staff_without_visit_capability_are_refused(charity_staff):
    with pytest.raises(PermissionDenied):
        visit_record(actor=charity_staff, household_id=home().pk, draft=draft())

    assert not Visit.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        pytest.param({"needs": ["other"]}, "needs_other", "选择“其他”时请写明需求。", id="other"),
        pytest.param(
            {"wish_item": "轮椅", "wish_value": None},
            "wish_value",
            "请填写心愿的估算金额。",
            id="wish",
        ),
        pytest.param(
            {"next_due_on": dt.date(2026, 11, 20)},
            "next_due_on",
            "下次探访日期应晚于本次探访日期。",
            id="next_due",
        ),
        pytest.param(
            {"referral_departments": ["police"]},
            "referral_departments",
            "所选转介部门不存在。",
            id="dept",
        ),
    ],
)
def test_bad_fields_save_nothing(village_worker, changes, field, message):
    with pytest.raises(ApplicationError) as refused:
        visit_record(
            actor=village_worker,
            household_id=home().pk,
            draft=draft(submission_id=uuid.uuid4(), **changes),
        )

    assert {key: str(value) for key, value in refused.value.fields.items()} == {field: message}
    assert not Visit.objects.exists()
    assert not Wish.objects.exists()
    assert not AuditEvent.objects.exists()
