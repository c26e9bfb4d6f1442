"""A death warning (issue 13): it names the member who died, links the household and a visit,
offers 停发/减员 through the county's 动态管理 review, and refuses a referral to "x"."""

import copy
import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from minzheng.accounts.system import system_user
from minzheng.cases.enums import ReviewKind, ReviewStatus, ReviewTrigger, ScheduleStatus
from minzheng.cases.models import BenefitReview, PaymentSchedule
from minzheng.cases.tests.factories import POOR_CASE, PaymentScheduleFactory, poor_home
from minzheng.core.exceptions import ApplicationError
from minzheng.core.models import AuditEvent
from minzheng.monitoring.enums import Outcome, WarningStatus
from minzheng.monitoring.models import EarlyWarning
from minzheng.monitoring.services import events_import, warning_close, warnings_from_events
from minzheng.registry.enums import PersonStatus

pytestmark = pytest.mark.django_db
DIED_ON = dt.date(2026, 12, 28)


@pytest.fixture
def january():
    with time_machine.travel("2027-01-05 10:00 +0800", tick=False):
        yield


def _warned(kind="death", *, running=True, registered_dead=True):
    """The 低保 household of ``POOR_CASE`` (one member), warned by 公安 about ``kind``."""
    home = poor_home(name="沈月娥")
    head = home.memberships.get().person
    if running:
        case = copy.deepcopy(POOR_CASE)
        case["case_id"] = str(home.pk)
        case["members"][0].update(id=str(head.pk), birth_date=str(head.birth_date))
        PaymentScheduleFactory(
            application_item__application__household=home,
            application_item__application__case=case,
            monthly_amount=Decimal("525.00"),
        )
    if registered_dead:
        head.status = PersonStatus.DECEASED
        head.save(update_fields=["status"])
    row = {
        "record_id": "GA-1",
        "id_number": head.id_number,
        "kind": kind,
        "occurred_on": DIED_ON.isoformat(),
        "amount": "",
    }
    events_import(actor=system_user(), rows=[row], source="公安")
    warnings_from_events(as_of=dt.date(2027, 1, 4))
    return home, head, EarlyWarning.objects.get()


def test_the_death_warning_page_names_the_member_and_links_household_and_visit(
    client_for, village_worker, january
):
    home, head, warning = _warned()

    page = (
        client_for(village_worker)
        .get(reverse("monitoring:warning_detail", args=[warning.pk]))
        .content.decode()
    )

    assert "死亡成员" in page
    assert f'沈月娥 <span class="mono">{head.id_number_masked}</span>（已故）' in page
    assert head.id_number not in page
    assert reverse("registry:household_detail", args=[home.pk]) in page
    assert reverse("visits:visit_new", args=[home.pk]) in page
    assert '<option value="benefit_review">停发/减员</option>' in page


def test_stop_or_reduce_puts_a_proposal_to_the_county_and_moves_no_money(village_worker, january):
    home, _head, warning = _warned()

    closed = warning_close(
        actor=village_worker, warning_id=warning.pk, outcome=Outcome.BENEFIT_REVIEW, evidence={}
    )

    review = BenefitReview.objects.get()
    assert (review.trigger, review.kind, review.status) == (
        ReviewTrigger.DEATH,
        ReviewKind.STOP,
        ReviewStatus.PROPOSED,
    )
    assert review.household_id == home.pk
    assert (closed.status, closed.outcome) == (WarningStatus.CLOSED, Outcome.BENEFIT_REVIEW)
    assert closed.evidence == {"reviews": str(review.pk)}
    schedule = PaymentSchedule.objects.get()
    assert (schedule.status, schedule.end_month) == (ScheduleStatus.ACTIVE, None)
    audit = AuditEvent.objects.filter(target_type="monitoring.warning").get()
    assert audit.changes["reviews"] == str(review.pk)


@pytest.mark.parametrize(
    ("kind", "running", "registered_dead", "message"),
    [
        pytest.param(
            "disability_certificate",
            True,
            False,
            "停发/减员只用于家庭成员死亡的预警。",
            id="not_a_death",
        ),
        pytest.param(
            "death",
            False,
            True,
            "该户没有需要停发或减员的在发救助",
            id="nothing_running",
        ),
        pytest.param(
            "death",
            True,
            False,
            "户籍尚未登记该成员死亡",
            id="registry_not_updated",
        ),
    ],
)
def test_stop_or_reduce_refused_writes_nothing(
    village_worker, january, kind, running, registered_dead, message
):
    _home, _head, warning = _warned(kind, running=running, registered_dead=registered_dead)
    audits = AuditEvent.objects.count()

    with pytest.raises(ApplicationError) as refused:
        warning_close(
            actor=village_worker,
            warning_id=warning.pk,
            outcome=Outcome.BENEFIT_REVIEW,
            evidence={},
        )

    assert message in str(refused.value.message)
    assert not BenefitReview.objects.exists()
    assert EarlyWarning.objects.get().status == WarningStatus.OPEN
    assert AuditEvent.objects.count() == audits


def test_the_outcome_is_offered_for_a_death_only(client_for, village_worker, january):
    _home, _head, warning = _warned("disability_certificate", registered_dead=False)
    page = (
        client_for(village_worker)
        .get(reverse("monitoring:warning_detail", args=[warning.pk]))
        .content.decode()
    )
    assert "停发/减员" not in page


@pytest.mark.parametrize(
    ("department", "note", "field", "message"),
    [
        pytest.param("x", "申请大病医疗救助，请医保办理", "department", "接收部门须从列表中选择。"),
        pytest.param(
            "medical_insurance",
            "x",
            "note",
            "转介说明至少 8 个字：写明需要接收部门办理什么。",
        ),
    ],
)
def test_a_referral_to_x_is_refused_beside_its_field(
    client_for, village_worker, january, department, note, field, message
):
    _home, _head, warning = _warned()
    audits = AuditEvent.objects.count()

    response = client_for(village_worker).post(
        reverse("monitoring:warning_close", args=[warning.pk]),
        {"outcome": Outcome.REFERRED, "department": department, "note": note},
    )

    page = response.content.decode()
    assert message in page.split(f'name="{field}"', 1)[1].split("</label>", 1)[0]
    assert EarlyWarning.objects.get().status == WarningStatus.OPEN
    assert AuditEvent.objects.count() == audits


def test_a_referral_to_a_listed_department_closes(client_for, village_worker, january):
    _home, _head, warning = _warned()

    client_for(village_worker).post(
        reverse("monitoring:warning_close", args=[warning.pk]),
        {
            "outcome": Outcome.REFERRED,
            "department": "medical_insurance",
            "note": "申请大病医疗救助",
        },
    )

    closed = EarlyWarning.objects.get()
    assert closed.evidence == {"department": "medical_insurance", "note": "申请大病医疗救助"}
