"""The 预警/探访 panels: the refresh's tallies, their reading per jurisdiction, page and Excel."""

import datetime as dt
import io
import uuid

import pytest
import time_machine
from openpyxl import load_workbook

from conftest import DANGHU, SONGFENG, YOULIAN
from minzheng.accounts.enums import Role
from minzheng.cases.tests.factories import ApplicationFactory
from minzheng.core.models import AuditEvent
from minzheng.dashboard.models import LeadTimeTally, LoopTally
from minzheng.dashboard.selectors import histogram_median, loop_board
from minzheng.dashboard.services import loop_tallies_refresh
from minzheng.divisions.models import Division
from minzheng.monitoring.enums import Cause, EventKind, Outcome, WarningStatus
from minzheng.monitoring.models import EarlyWarning, MonitoringEvent
from minzheng.profiling.enums import Colour
from minzheng.registry.models import Household
from minzheng.registry.tests.factories import HouseholdFactory
from minzheng.visits.models import Visit, VisitPlan

AS_OF = dt.date(2026, 11, 20)
XINCANG = YOULIAN // 1000 * 1000  # 新仓镇
pytestmark = pytest.mark.django_db


def _at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _home(division: int) -> Household:
    return HouseholdFactory(division=Division.objects.get(code=division))


def _warning(
    division: int = SONGFENG,
    *,
    due_on: str = "2026-11-25",
    first_due_on: str | None = None,
    closed_at: str | None = None,
    outcome: str = "",
    events: tuple[str, ...] = ("2026-11-01",),
    decided_at: str | None = None,
) -> EarlyWarning:
    home = _home(division)
    application = (
        ApplicationFactory(household=home, decided_at=_at(decided_at)) if decided_at else None
    )
    warning = EarlyWarning.objects.create(
        household=home,
        division_code=division,
        cause=Cause.ILLNESS,
        colour=Colour.YELLOW,
        status=WarningStatus.CLOSED if closed_at else WarningStatus.OPEN,
        owner_division_code=division,
        raised_on=dt.date(2026, 11, 1),
        first_due_on=dt.date.fromisoformat(first_due_on or due_on),
        due_on=dt.date.fromisoformat(due_on),
        closed_at=_at(closed_at) if closed_at else None,
        outcome=outcome,
        application=application,
    )
    for index, day in enumerate(events):
        MonitoringEvent.objects.create(
            household=home,
            kind=EventKind.BIG_MEDICAL_BILL,
            occurred_on=dt.date.fromisoformat(day),
            source="医保",
            source_record_id=f"{warning.pk}-{index}",
            warning=warning,
        )
    return warning


def _plan(division: int, next_due_at: str) -> VisitPlan:
    home = _home(division)
    return VisitPlan.objects.create(
        household=home, division_id=division, colour=Colour.YELLOW, next_due_at=_at(next_due_at)
    )


@pytest.fixture
def loop(make_staff):
    """Warnings and visits of 松枫社区 (当湖街道) and 友联村 (新仓镇), as of Friday 20 November."""
    # 松枫社区: one open warning on time, one overdue.
    _warning(due_on="2026-11-25")
    _warning(due_on="2026-11-19")
    # Closed by each outcome.
    _warning(
        first_due_on="2026-11-12",
        due_on="2026-11-12",
        closed_at="2026-11-10T15:00+08:00",
        outcome=Outcome.NOT_IN_DIFFICULTY,
    )
    # Late against the first due date, though on time after an escalation moved it.
    _warning(
        first_due_on="2026-11-12",
        due_on="2026-11-20",
        closed_at="2026-11-15T09:00+08:00",
        outcome=Outcome.REFERRED,
    )
    # Closed half an hour into the 13th, local time (still the 12th in UTC): late.
    _warning(
        first_due_on="2026-11-12",
        due_on="2026-11-12",
        closed_at="2026-11-13T00:30+08:00",
        outcome=Outcome.CHARITY,
    )
    # 纳入救助 with decided applications: 10, 4 and 17 days from the earliest event.
    for events, decided in (
        (("2026-11-01",), "2026-11-11T09:00+08:00"),
        (("2026-11-05",), "2026-11-09T23:30+08:00"),
        (("2026-11-06", "2026-11-02"), "2026-11-19T08:00+08:00"),
    ):
        _warning(
            first_due_on="2026-11-20",
            due_on="2026-11-20",
            closed_at="2026-11-19T17:00+08:00",
            outcome=Outcome.ASSISTED,
            events=events,
            decided_at=decided,
        )
    # 纳入救助 whose application is not decided yet: closed, but no lead time.
    _warning(
        first_due_on="2026-11-20",
        due_on="2026-11-20",
        closed_at="2026-11-18T10:00+08:00",
        outcome=Outcome.ASSISTED,
    )
    # Closed more than a year ago: outside every closed figure.
    _warning(
        first_due_on="2025-10-01",
        due_on="2025-10-01",
        closed_at="2025-10-01T10:00+08:00",
        outcome=Outcome.REFERRED,
    )
    # 友联村: one overdue warning, one assisted after 40 days.
    _warning(YOULIAN, due_on="2026-11-02")
    _warning(
        YOULIAN,
        first_due_on="2026-10-20",
        due_on="2026-11-03",
        closed_at="2026-11-10T10:00+08:00",
        outcome=Outcome.ASSISTED,
        events=("2026-10-01",),
        decided_at="2026-11-10T09:00+08:00",
    )
    # Visit plans of 松枫社区: one due by the 19th (overdue), one due on the 20th, one later.
    _plan(SONGFENG, "2026-11-20T00:00+08:00")
    _plan(SONGFENG, "2026-11-20T00:00:01+08:00")
    visited = _plan(SONGFENG, "2026-12-20T10:00+08:00")
    visitor = make_staff(Role.VILLAGE_WORKER, SONGFENG)
    for when in ("2026-11-18T10:00+08:00", "2026-10-21T23:00+08:00"):  # 30 days: from 22 Oct
        Visit.objects.create(
            submission_id=uuid.uuid4(),
            household=visited.household,
            division_id=SONGFENG,
            visitor=visitor,
            mode="home",
            visited_at=_at(when),
            findings="—",
            next_due_at=_at("2026-12-20T10:00+08:00"),
        )
    _plan(YOULIAN, "2026-11-01T10:00+08:00")
    with time_machine.travel("2026-11-20 10:00 +0800", tick=False):
        yield loop_tallies_refresh(as_of=AS_OF)


def _tally(code: int) -> dict[str, object]:
    return LoopTally.objects.filter(division_code=code).values().get()


def test_the_refresh_counts_each_village(loop):
    assert (loop.divisions, loop.warnings_open, loop.warnings_closed, loop.lead_warnings) == (
        2,
        3,
        8,
        4,
    )
    songfeng = _tally(SONGFENG)
    assert {key: songfeng[key] for key in songfeng if key not in {"id", "computed_at"}} == {
        "division_code": SONGFENG,
        "warnings_open": 2,
        "warnings_overdue": 1,
        "warnings_closed": 7,
        "closed_not_in_difficulty": 1,
        "closed_assisted": 4,
        "closed_referred": 1,
        "closed_charity": 1,
        "closed_benefit_review": 0,
        "closed_on_time": 5,  # not the referral (first due date) nor the charity (local day)
        "visit_plans": 3,
        "visits_overdue": 1,
        "visits_recent": 1,
        "computed_on": AS_OF,
    }
    youlian = _tally(YOULIAN)
    assert (
        youlian["warnings_open"],
        youlian["warnings_overdue"],
        youlian["closed_assisted"],
        youlian["closed_on_time"],
        youlian["visit_plans"],
        youlian["visits_overdue"],
    ) == (1, 1, 1, 0, 1, 1)
    assert sorted(LeadTimeTally.objects.values_list("division_code", "days", "warnings")) == [
        (SONGFENG, 4, 1),
        (SONGFENG, 10, 1),
        (SONGFENG, 17, 1),
        (YOULIAN, 40, 1),
    ]


def test_a_refresh_replaces_the_previous_one(loop):
    warning = EarlyWarning.objects.filter(division_code=YOULIAN, status=WarningStatus.OPEN).get()
    EarlyWarning.objects.filter(pk=warning.pk).update(
        status=WarningStatus.CLOSED,
        closed_at=_at("2026-11-20T09:00+08:00"),
        outcome=Outcome.NOT_IN_DIFFICULTY,
    )
    with time_machine.travel("2026-11-20 11:00 +0800", tick=False):
        again = loop_tallies_refresh(as_of=AS_OF)
    assert LoopTally.objects.count() == 2
    assert LeadTimeTally.objects.count() == 4
    assert (again.warnings_open, again.warnings_closed) == (2, 9)
    youlian = _tally(YOULIAN)
    assert (youlian["warnings_open"], youlian["closed_not_in_difficulty"]) == (0, 1)


@pytest.mark.parametrize(
    ("histogram", "median"),
    [
        ({}, None),
        ({5: 1}, 5.0),
        ({4: 1, 10: 1, 17: 1, 40: 1}, 13.5),
        ({1: 2, 9: 1}, 1.0),
        ({1: 2, 9: 2}, 5.0),
        ({3: 0, 7: 1}, 7.0),
        ({-1: 1, 2: 3, 30: 1}, 2.0),
    ],
)
def test_the_median_of_a_histogram_is_exact(histogram, median):
    assert histogram_median(histogram) == median


def test_the_county_board_sums_its_townships(loop, make_staff):
    board = loop_board(actor=make_staff(Role.COUNTY_CASEWORKER))
    assert [row.code for row in board.rows] == [DANGHU, XINCANG]
    assert [row.name for row in board.rows] == ["当湖街道", "新仓镇"]
    assert (board.total.values["warnings_open"], board.total.values["warnings_overdue"]) == (3, 2)
    assert board.total.values["warnings_closed"] == 8
    assert board.total.outcome_cells == [
        ("核实不困难", 1),
        ("纳入救助", 5),
        ("转介", 1),
        ("慈善链接", 1),
        ("停发/减员", 0),
    ]
    assert board.median_lead_days == 13.5  # 4, 10, 17 and 40 days
    assert board.total.on_time_share == 5 / 8
    assert board.on_time_percent == "62.5%"
    assert [count for _label, count in board.lead_buckets] == [1, 1, 1, 1, 0]
    assert board.total.visit_share == 2 / 4
    assert board.computed_at is not None


def test_a_township_sees_only_its_own_figures(loop, make_staff):
    worker = make_staff(Role.TOWNSHIP_WORKER, DANGHU)
    board = loop_board(actor=worker)
    assert [row.code for row in board.rows] == [SONGFENG]  # its 村社, one row each
    assert (board.total.values["warnings_open"], board.total.values["warnings_closed"]) == (2, 7)
    assert board.median_lead_days == 10.0  # 4, 10 and 17: 友联村's 40 days are not its own
    assert board.lead_warnings == 3
    # Another township's drill-down is ignored, not shown.
    elsewhere = loop_board(actor=worker, township=XINCANG)
    assert elsewhere.area == board.area
    assert [row.code for row in elsewhere.rows] == [SONGFENG]


def test_the_county_drills_down_to_villages(loop, make_staff):
    board = loop_board(actor=make_staff(Role.COUNTY_CASEWORKER), township=DANGHU)
    assert [(row.code, row.name) for row in board.rows] == [(SONGFENG, "松枫社区")]
    assert board.median_lead_days == 10.0


def test_no_refresh_yet_reads_empty(make_staff):
    board = loop_board(actor=make_staff(Role.COUNTY_CASEWORKER))
    assert (board.rows, board.computed_at, board.median_lead_days) == ([], None, None)
    assert board.on_time_percent == "—"


def test_the_page_shows_the_figures(loop, make_staff, client_for):
    client = client_for(make_staff(Role.COUNTY_CASEWORKER))
    response = client.get("/dashboard/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "统计时间：2026-11-20 10:00" in page
    assert "<strong>13.5</strong>" in page
    assert "<strong>62.5%</strong>" in page
    assert 'data-chart="loop-chart"' in page
    assert 'data-chart="lead-chart"' in page
    assert "/dashboard/warnings.xlsx" in page
    assert "/dashboard/visits.xlsx" in page
    township = client.get(f"/dashboard/?township={DANGHU}").content.decode()
    assert "/dashboard/warnings.xlsx?township=330482001000" in township
    assert "<strong>10</strong>" in township


def test_the_warnings_table_exports_to_excel_and_is_audited(loop, make_staff, client_for):
    response = client_for(make_staff(Role.COUNTY_CASEWORKER)).get("/dashboard/warnings.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:3] == ("区划", "待处置", "其中逾期")
    assert [row[0] for row in rows[1:]] == ["当湖街道", "新仓镇", "合计"]
    assert rows[-1][1:] == (3, 2, 1, 5, 1, 1, 0, 8, 5, 0.625)
    lead = list(book.worksheets[1].iter_rows(values_only=True))
    assert lead[-1] == ("中位天数", 13.5)
    audit = AuditEvent.objects.get(target_type="dashboard.warnings")
    assert audit.action == "export"


def test_the_visits_table_exports_to_excel_and_is_audited(loop, make_staff, client_for):
    client = client_for(make_staff(Role.TOWNSHIP_WORKER, DANGHU))
    response = client.get("/dashboard/visits.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows == [
        ("区划", "探访计划户数", "逾期未探访", "近期探访次数", "探访按期率"),
        ("松枫社区", 3, 1, 1, 0.6667),  # a 镇街's table lists its 村社
        ("合计", 3, 1, 1, 0.6667),
    ]
    assert AuditEvent.objects.filter(target_type="dashboard.visits", action="export").count() == 1


@pytest.mark.parametrize("path", ["/dashboard/warnings.xlsx", "/dashboard/visits.xlsx"])
def test_staff_without_warnings_may_not_export(make_staff, client_for, path):
    assert client_for(make_staff(Role.AUDITOR)).get(path).status_code == 403


def test_the_page_reads_the_tallies_in_a_fixed_number_of_queries(
    loop, make_staff, client_for, django_assert_max_num_queries
):
    client = client_for(make_staff(Role.COUNTY_CASEWORKER))
    client.get("/dashboard/")
    # As test_dashboard's: the loop panels' names come with the profile board's (none here),
    # so only 镇街 without profiles cost the one names query.
    with django_assert_max_num_queries(11):
        client.get("/dashboard/")
    with django_assert_max_num_queries(11):
        client.get(f"/dashboard/?township={DANGHU}")
