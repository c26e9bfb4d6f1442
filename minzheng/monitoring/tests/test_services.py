import datetime as dt
import uuid
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from minzheng.accounts.system import system_user
from minzheng.cases.tests.factories import ApplicationFactory, PaymentScheduleFactory
from minzheng.core.clock import day_start
from minzheng.core.exceptions import ApplicationError
from minzheng.core.models import AuditEvent
from minzheng.monitoring.enums import Cause, Outcome, OwnerLevel, WarningStatus
from minzheng.monitoring.loop import closed_warning_counts, lead_days
from minzheng.monitoring.models import EarlyWarning, MonitoringEvent, WarningEscalation
from minzheng.monitoring.selectors import discovery_list
from minzheng.monitoring.services import (
    events_import,
    warning_close,
    warnings_escalate,
    warnings_from_events,
)
from minzheng.profiling.enums import Colour
from minzheng.profiling.models import HouseholdProfile
from minzheng.registry.tests.factories import household_with_members

AS_OF = dt.date(2026, 11, 20)
pytestmark = pytest.mark.django_db(transaction=False)


def _home():
    home = household_with_members(1)
    return home, home.memberships.get().person


def _event(person, kind, *, record="r1", amount="", months="", on="2026-11-18"):
    return {
        "record_id": record,
        "id_number": person.id_number,
        "kind": kind,
        "occurred_on": on,
        "amount": amount,
        "months": months,
    }


def _raise(rows, *, as_of=AS_OF, source="医保"):
    events_import(actor=system_user(), rows=rows, source=source)
    return warnings_from_events(as_of=as_of)


def test_import_twice_creates_nothing_the_second_time(tmp_path):
    _, person = _home()
    csv = tmp_path / "events.csv"
    csv.write_text(
        "record_id,id_number,kind,occurred_on,amount\n"
        f"A1,{person.id_number},big_medical_bill,2026-11-18,30000\n"
        "A2,330482199001019999,death,2026-11-18,\n"
        f"A3,{person.id_number},flood,2026-11-18,\n",
        encoding="utf-8",
    )
    first, second = StringIO(), StringIO()
    call_command("monitoring", "events", str(csv), "--source", "医保", stdout=first)
    call_command("monitoring", "events", str(csv), "--source", "医保", stdout=second)
    assert first.getvalue().splitlines()[:3] == [
        "共 3 行：新增 1，重复 0，查无此人 1，有误 1",
        "  第 4 行：事件类型无法识别",
        "  第 3 行：户籍库中查无此身份证号",
    ]
    assert second.getvalue().splitlines()[0] == "共 3 行：新增 0，重复 1，查无此人 1，有误 1"
    counts = events_import(
        actor=system_user(),
        rows=[_event(person, "big_medical_bill", record="A1", amount="30000")],
        source="医保",
    )
    assert (counts.created, counts.duplicates) == (0, 1)
    assert MonitoringEvent.objects.count() == 1
    assert EarlyWarning.objects.count() == 1


def test_unknown_persons_are_counted_and_bad_rows_reported():
    _, person = _home()
    rows = [
        _event(person, "death", record="1"),
        {**_event(person, "death", record="2"), "id_number": "330482199001019999"},
        {**_event(person, "death", record="3"), "kind": "flood"},
        {**_event(person, "death", record="4"), "occurred_on": "2026/11/18"},
    ]
    counts = events_import(actor=system_user(), rows=rows, source="公安")
    assert (counts.rows, counts.created, counts.unknown_persons, counts.invalid) == (4, 1, 1, 2)
    assert counts.unknown_lines == [2]
    assert [(e.line, e.message) for e in counts.errors] == [
        (3, "事件类型无法识别"),
        (4, "发生日期应为 YYYY-MM-DD"),
    ]


@pytest.mark.parametrize(
    ("kind", "amount", "months", "expected"),
    [
        pytest.param("big_medical_bill", "19999.99", "", None, id="medical_below_case"),
        pytest.param("big_medical_bill", "20000", "", ("illness", Colour.YELLOW), id="med_case"),
        pytest.param("big_medical_bill", "100000", "", ("illness", Colour.RED), id="med_red_case"),
        pytest.param("death", "", "", ("death", Colour.RED), id="death_case"),
        pytest.param("disability_certificate", "", "", ("disability", Colour.YELLOW), id="dis"),
        pytest.param("unemployment", "", "", ("unemployment", Colour.YELLOW), id="jobless_case"),
        pytest.param("utility_arrears", "300", "2", None, id="arrears_short_case"),
        pytest.param("utility_arrears", "300", "3", ("arrears", Colour.YELLOW), id="arrears"),
        pytest.param("vehicle_purchase", "", "", None, id="vehicle_not_receiving_case"),
        pytest.param("property_purchase", "", "", None, id="property_not_receiving_case"),
        pytest.param("disaster", "", "", ("disaster", Colour.RED), id="disaster_case"),
    ],
)
def test_each_rule_colour(kind, amount, months, expected):
    _, person = _home()
    counts = _raise([_event(person, kind, amount=amount, months=months)])
    found = list(EarlyWarning.objects.values_list("cause", "colour"))
    assert found == ([expected] if expected else [])
    assert counts.raised == (1 if expected else 0)
    assert MonitoringEvent.objects.filter(evaluated_at__isnull=True).count() == 0


def test_unemployment_is_red_for_a_subsistence_household():
    home, person = _home()
    HouseholdProfile.objects.create(
        household=home,
        division_code=home.division_id,
        types=0b10,
        primary=1,
        colour=1,
        score=50,
        reasons=0,
        model_version="t",
        computed_on=AS_OF,
    )
    _raise([_event(person, "unemployment")])
    assert list(EarlyWarning.objects.values_list("colour", flat=True)) == [Colour.RED]


@pytest.mark.parametrize("kind", ["vehicle_purchase", "property_purchase"])
def test_purchase_by_a_receiving_household_is_yellow_property_change(kind):
    home, person = _home()
    PaymentScheduleFactory(
        application_item__application__household=home, start_month=dt.date(2026, 1, 1)
    )
    _raise([_event(person, kind)])
    assert list(EarlyWarning.objects.values_list("cause", "colour")) == [
        (Cause.PROPERTY_CHANGE, Colour.YELLOW)
    ]


def test_later_event_attaches_to_the_open_warning_and_raises_its_colour():
    _, person = _home()
    _raise([_event(person, "big_medical_bill", record="1", amount="30000")])
    counts = _raise([_event(person, "big_medical_bill", record="2", amount="150000")])
    warning = EarlyWarning.objects.get()
    assert (counts.raised, counts.attached, counts.red) == (0, 1, 1)
    assert (warning.colour, warning.events.count()) == (Colour.RED, 2)
    assert warning.due_on == dt.date(2026, 11, 23)


def test_a_closed_warning_does_not_absorb_new_events(village_worker):
    _, person = _home()
    _raise([_event(person, "disability_certificate", record="1")])
    first = EarlyWarning.objects.get()
    warning_close(
        actor=village_worker,
        warning_id=first.pk,
        outcome=Outcome.CHARITY,
        evidence={"reference": "微心愿 W-1"},
    )
    _raise([_event(person, "disability_certificate", record="2")])
    assert EarlyWarning.objects.count() == 2


@pytest.mark.parametrize(
    ("colour_kind", "due"),
    [
        pytest.param("death", dt.date(2026, 10, 8), id="red_case"),
        pytest.param("disability_certificate", dt.date(2026, 10, 13), id="yellow_case"),
    ],
)
def test_due_dates_skip_national_day(colour_kind, due):
    home, person = _home()
    _raise([_event(person, colour_kind, on="2026-09-29")], as_of=dt.date(2026, 9, 30))
    warning = EarlyWarning.objects.get()
    assert (warning.raised_on, warning.due_on, warning.owner_division_code) == (
        dt.date(2026, 9, 30),
        due,
        home.division_id,
    )


def _open_warning(kind="disability_certificate"):
    home, person = _home()
    _raise([_event(person, kind)])
    return home, EarlyWarning.objects.get()


@pytest.mark.parametrize(
    ("outcome", "evidence", "message"),
    [
        pytest.param("", {}, "请选择处置结果。", id="no_outcome_case"),
        pytest.param(
            Outcome.NOT_IN_DIFFICULTY,
            {"visit": "x"},
            "核实不困难须选择该户的探访记录。",
            id="visit_missing_case",
        ),
        pytest.param(
            Outcome.NOT_IN_DIFFICULTY,
            {"visit": str(uuid.uuid4())},
            "找不到该户的这条探访记录。",
            id="visit_unknown_case",
        ),
        pytest.param(Outcome.ASSISTED, {}, "纳入救助须填写救助申请编号。", id="app_missing_case"),
        pytest.param(
            Outcome.ASSISTED,
            {"application": "SQ-none"},
            "找不到该户的这份救助申请。",
            id="app_unknown_case",
        ),
        pytest.param(Outcome.REFERRED, {"note": "x"}, "转介须填写接收部门。", id="dept_case"),
        pytest.param(
            Outcome.REFERRED,
            {"department": "disabled_federation"},
            "转介须填写转介说明。",
            id="note_case",
        ),
        pytest.param(Outcome.CHARITY, {}, "慈善链接须填写微心愿或慈善项目编号。", id="charity"),
    ],
)
def test_close_refusals_write_nothing(village_worker, outcome, evidence, message):
    _, warning = _open_warning()
    audits = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as refused:
        warning_close(
            actor=village_worker, warning_id=warning.pk, outcome=outcome, evidence=evidence
        )
    assert str(refused.value.message) == message
    warning.refresh_from_db()
    assert (warning.status, warning.outcome, warning.closed_at) == (WarningStatus.OPEN, "", None)
    assert AuditEvent.objects.count() == audits


def test_application_of_another_household_is_refused(village_worker):
    _, warning = _open_warning()
    other = ApplicationFactory()
    with pytest.raises(ApplicationError):
        warning_close(
            actor=village_worker,
            warning_id=warning.pk,
            outcome=Outcome.ASSISTED,
            evidence={"application": other.number},
        )
    assert EarlyWarning.objects.get().status == WarningStatus.OPEN


def test_close_as_assisted_records_outcome_and_audit(village_worker, frozen):
    home, warning = _open_warning()
    application = ApplicationFactory(household=home)
    closed = warning_close(
        actor=village_worker,
        warning_id=warning.pk,
        outcome=Outcome.ASSISTED,
        evidence={"application": application.number},
    )
    closed.refresh_from_db()
    assert (closed.status, closed.outcome, closed.application_id, closed.closed_by) == (
        WarningStatus.CLOSED,
        Outcome.ASSISTED,
        application.pk,
        village_worker,
    )
    assert closed.evidence == {"application": application.number}
    audit = AuditEvent.objects.filter(target_type="monitoring.warning").get()
    assert audit.changes == {"status": ["open", "closed"], "outcome": "assisted"}


def test_escalation_moves_overdue_warnings_up_one_level():
    _, warning = _open_warning("death")  # red, due 2026-11-23
    assert warnings_escalate(as_of=dt.date(2026, 11, 23)) == 0
    assert warnings_escalate(as_of=dt.date(2026, 11, 24)) == 1
    warning.refresh_from_db()
    assert (warning.owner_level, warning.owner_division_code, warning.due_on) == (
        OwnerLevel.TOWNSHIP,
        330482001000,
        dt.date(2026, 11, 25),
    )
    assert warnings_escalate(as_of=dt.date(2026, 11, 26)) == 1
    warning.refresh_from_db()
    assert (warning.owner_level, warning.owner_division_code, warning.escalation_count) == (
        OwnerLevel.COUNTY,
        330482000000,
        2,
    )
    assert warnings_escalate(as_of=dt.date(2026, 12, 31)) == 0
    assert list(WarningEscalation.objects.values_list("to_level", "overdue_since")) == [
        (OwnerLevel.TOWNSHIP, dt.date(2026, 11, 23)),
        (OwnerLevel.COUNTY, dt.date(2026, 11, 25)),
    ]


def test_discovery_lists_eligible_households_that_receive_nothing(village_worker, frozen):
    from minzheng.eligibility.models import Determination, DeterminationRun

    run = DeterminationRun.objects.create(as_of=AS_OF, rules_version="t", is_current=True)
    receiving, applying, idle, ineligible = (household_with_members(1) for _ in range(4))
    PaymentScheduleFactory(application_item__application__household=receiving)
    ApplicationFactory(household=applying)
    zero = dict.fromkeys(
        [
            f"{p}_{f}"
            for p in ("tekun", "dibao", "dibao_single", "dibao_edge", "rigid_expenditure")
            for f in ("amount", "reasons")
        ],
        0,
    )
    for home, bits in ((receiving, 2), (applying, 2), (idle, 0b1010), (ineligible, 0)):
        Determination.objects.create(
            run=run,
            household=home,
            division_code=home.division_id,
            resident_count=1,
            per_capita_income_cents=0,
            eligible_bits=bits,
            **zero,
        )
    page = discovery_list(actor=village_worker, page=1)
    assert [(r.household_id, r.programmes) for r in page.rows] == [
        (idle.pk, ["最低生活保障", "低保边缘"])
    ]


def test_loop_counts_lead_days_and_on_time_exact(village_worker):
    leads = []
    with time_machine.travel("2026-11-20 10:00 +0800", tick=False):
        for index, (occurred, decided) in enumerate(
            [
                ("2026-11-01", "2026-11-11"),
                ("2026-11-05", "2026-11-09"),
                ("2026-11-02", "2026-11-19"),
            ]
        ):
            home, person = _home()
            _raise([_event(person, "death", record=f"d{index}", on=occurred)])
            warning = EarlyWarning.objects.get(household=home)
            application = ApplicationFactory(
                household=home,
                decided_at=dt.datetime.fromisoformat(f"{decided}T09:00+08:00"),
            )
            warning_close(
                actor=village_worker,
                warning_id=warning.pk,
                outcome=Outcome.ASSISTED,
                evidence={"application": application.number},
            )
            leads.append(application)
        home, person = _home()
        _raise([_event(person, "disaster", record="z")], as_of=dt.date(2026, 11, 10))
        late = EarlyWarning.objects.get(household=home)
        warning_close(
            actor=village_worker,
            warning_id=late.pk,
            outcome=Outcome.CHARITY,
            evidence={"reference": "P-1"},
        )
    first, after = day_start(dt.date(2026, 11, 1)), day_start(dt.date(2026, 12, 1))
    [counts] = closed_warning_counts(first=first, after=after)
    # Three of four closed by their first due date; lead times 10, 4 and 17 days.
    assert (counts["warnings_closed"], counts["closed_assisted"], counts["closed_on_time"]) == (
        4,
        3,
        3,
    )
    lead = lead_days(first=first, after=after)
    assert sorted(zip(lead["days"], lead["warnings"], strict=True)) == [(4, 1), (10, 1), (17, 1)]


def test_red_warning_plans_an_urgent_visit(django_capture_on_commit_callbacks):
    from minzheng.visits.models import VisitPlan

    home, person = _home()
    with django_capture_on_commit_callbacks(execute=True):
        _raise([_event(person, "death")])
    plan = VisitPlan.objects.get(household=home)
    assert plan.urgent_reason == "warning.red.death"


def test_a_recent_shock_makes_the_profile_emergency_and_red(settings, tmp_path):
    """The 急难型 type is fed by warnings' events of the model's window (30 days)."""
    from minzheng.eligibility.services import determinations_run
    from minzheng.eligibility.tests.test_runs_and_whatif import _single
    from minzheng.profiling.services import profiles_run

    settings.MEDIA_ROOT = tmp_path
    day = dt.date(2026, 11, 1)
    flooded, long_ago, small_bill = _single("9000"), _single("9000"), _single("9000")
    rows = [
        _event(flooded.memberships.get().person, "disaster", record="f", on="2026-10-25"),
        _event(long_ago.memberships.get().person, "disaster", record="l", on="2026-09-20"),
        _event(
            small_bill.memberships.get().person,
            "big_medical_bill",
            record="s",
            amount="5000",
            on="2026-10-28",
        ),
    ]
    _raise(rows, as_of=day)
    determinations_run(actor=system_user(), as_of=day)
    profiles_run(actor=system_user(), as_of=day)
    profile = HouseholdProfile.objects.get()
    assert profile.household_id == flooded.pk
    assert (profile.types, profile.primary, profile.colour) == (1, 0, Colour.RED.value)
    later = dt.date(2026, 11, 30)  # 36 days after the flood: no longer 急难
    determinations_run(actor=system_user(), as_of=later)
    profiles_run(actor=system_user(), as_of=later)
    assert not HouseholdProfile.objects.exists()
