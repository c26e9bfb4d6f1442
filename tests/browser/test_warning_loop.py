"""预警闭环 end to end: the 医保 feed reports a 300,000-yuan hospital bill (the Huzhou case), the
hourly sweep raises a red warning and asks for an urgent visit, the 村社 worker phones the
family, takes their application from the warning, the 镇街 and the county decide it, and the
worker closes the warning as 纳入救助 with that application; the measured loop counts it."""

import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone

from minzheng.accounts.enums import Role
from minzheng.accounts.system import system_user
from minzheng.cases.models import Application
from minzheng.cases.tasks import publicity_complete_due_task
from minzheng.cases.tests.factories import poor_home
from minzheng.core.clock import day_start
from minzheng.monitoring.enums import Outcome, WarningStatus
from minzheng.monitoring.loop import closed_warning_counts, lead_days
from minzheng.monitoring.models import EarlyWarning
from minzheng.monitoring.services import events_import
from minzheng.monitoring.tasks import warnings_from_events_task
from minzheng.profiling.enums import Colour
from minzheng.visits.enums import Need, VisitMode
from minzheng.visits.models import Visit
from tests.browser.conftest import (
    application_approve,
    application_check,
    application_investigate,
    application_review,
    application_take,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("case_reference_data", "parameters_confirmed"),
]
SONGFENG = 330482001034  # 松枫社区
DANGHU = 330482001000  # 当湖街道
BILL_ON = dt.date(2026, 11, 16)


def _bill(person) -> list[dict[str, object]]:
    """The row 医保 sends for a patient's year of out-of-pocket hospital costs."""
    return [
        {
            "record_id": "YB-2026-0458",
            "id_number": person.id_number,
            "kind": "大额医疗费用",
            "occurred_on": BILL_ON.isoformat(),
            "amount": "300000",
            "line": 2,
        }
    ]


def test_a_red_warning_from_event_to_decision(make_staff, staff_page):
    # Friday morning; the 公示 takes the following week.
    with time_machine.travel("2026-11-20 09:00 +0800", tick=True) as traveller:
        village = make_staff(Role.VILLAGE_WORKER, SONGFENG)
        township = make_staff(Role.TOWNSHIP_WORKER, DANGHU)
        county = make_staff(Role.COUNTY_CASEWORKER)
        home = poor_home(name="沈月娥")
        patient = home.memberships.get().person

        # The feed and the hourly sweep, as the scheduler runs them.
        counts = events_import(actor=system_user(), rows=_bill(patient), source="医保")
        assert (counts.created, counts.unknown_persons, counts.invalid) == (1, 0, 0)
        assert warnings_from_events_task.enqueue().return_value == 1
        warning = EarlyWarning.objects.get()
        assert warning.colour == Colour.RED

        # 预警: the 村社 worker sees the red warning, due the next working day (Monday).
        worker = staff_page(village)
        worker.get_by_role("link", name="预警", exact=True).first.click()
        row = worker.locator(f"#warning-{warning.pk}")
        assert re.split(r"\s+", row.inner_text().strip()) == [
            home.number,
            "红",
            "因病",
            "村社",
            "2026-11-23",
            "待处置",
        ]
        row.get_by_role("link", name=home.number).click()
        worker.get_by_role("heading", name="因病 红").wait_for()
        event = worker.locator("main table.list tbody tr").inner_text()
        assert re.split(r"\s+", event.strip()) == [
            "2026-11-16",
            "大额医疗费用",
            "300000.00",
            "医保",
        ]

        # 探访: the red warning put the family on the worker's list, due by Monday 18:00.
        worker.get_by_role("link", name="探访", exact=True).first.click()
        due = worker.locator("#results tbody tr").filter(has_text=home.number)
        assert "沈月娥" in due.inner_text()
        assert "红" in due.inner_text()
        assert "2026-11-23 18:00" in due.inner_text()
        due.get_by_role("link", name="记录探访").click()
        worker.get_by_label("电话", exact=True).check()
        worker.get_by_label("探访情况").fill(
            "电话联系本人：住院手术自付约30万元，已借遍亲友，出院后需长期服药，无力负担。"
        )
        worker.get_by_label("医疗", exact=True).check()
        worker.get_by_label("助餐", exact=True).check()
        worker.get_by_role("button", name="保存探访记录").click()
        saved = worker.locator("#visit-saved")
        saved.get_by_text("本次探访已保存。").wait_for()
        assert home.number in saved.inner_text()
        visit = Visit.objects.get(household=home)
        assert (visit.mode, visit.visitor, sorted(visit.needs)) == (
            VisitMode.PHONE,
            village,
            sorted([Need.MEDICAL, Need.MEALS]),
        )

        # 受理 from the warning: the intake form opens on this household.
        worker.goto(f"/monitoring/{warning.pk}/")
        worker.get_by_role("link", name="为此户受理救助申请").click()
        assert "沈月娥" in worker.locator("main").inner_text()
        application_take(worker, signer="沈月娥", document="SQ-HD-2026-131", on="2026-11-20")
        worker.get_by_role("heading", name=re.compile("救助申请 SQ20261120-0001")).wait_for()
        application = Application.objects.get()
        assert application.household == home
        assert "525.00" in application_check(worker)
        application_investigate(worker, on="2026-11-20")

        # 镇街审核 → 公示 for seven days; the nightly sweep closes it.
        reviewer = staff_page(township)
        application_review(reviewer, application)
        reviewer.get_by_text("公示期：2026-11-20 至 2026-11-26").wait_for()
        traveller.move_to("2026-11-27 03:00 +0800")
        assert publicity_complete_due_task.enqueue().return_value == 1
        traveller.move_to("2026-11-27 09:00 +0800")

        # 县级审批: 低保 granted in full.
        approver = staff_page(county)
        application_approve(approver, application)
        approver.get_by_text("JD20261127-0001").wait_for()
        assert "批准 525.00 元" in approver.locator("#item-dibao").inner_text()

        # 办结 as 纳入救助 with that application (yesterday's session has timed out).
        worker.context.close()
        worker = staff_page(village)
        worker.goto("/monitoring/")
        worker.locator(f"#warning-{warning.pk}").get_by_role("link", name=home.number).click()
        worker.get_by_label("处置结果").select_option(label="纳入救助")
        worker.get_by_label("救助申请（纳入救助）").select_option(value=application.number)
        worker.locator("#closing").get_by_role("button", name="办结").click()
        closing = worker.locator("#closing")
        closing.get_by_role("status").filter(has_text="已办结：纳入救助").wait_for()
        assert closing.get_by_role("link", name=application.number).is_visible()
        assert worker.get_by_role("link", name="为此户受理救助申请").count() == 0

        # What the worker sees afterwards: the list, and the decision one click away.
        worker.goto("/monitoring/")
        assert "已办结（纳入救助）" in worker.locator(f"#warning-{warning.pk}").inner_text()
        worker.locator(f"#warning-{warning.pk}").get_by_role("link", name=home.number).click()
        worker.locator("#warning-application").get_by_role("link").click()
        worker.wait_for_url(f"**/cases/{application.pk}/")
        assert "JD20261127-0001" in worker.locator("#decision").inner_text()
        assert "批准 525.00 元" in worker.locator("#item-dibao").inner_text()

        warning.refresh_from_db()
        application.refresh_from_db()
        assert (warning.status, warning.outcome, warning.application) == (
            WarningStatus.CLOSED,
            Outcome.ASSISTED,
            application,
        )
        granted = application.items.get(item__code="dibao")
        assert (granted.granted, granted.granted_amount) == (True, 525)

        # The measured loop: assisted 11 days after the bill, closed after its Monday deadline.
        decided_on = timezone.localdate(application.decided_at)
        assert decided_on == dt.date(2026, 11, 27)
        first, after = day_start(decided_on), day_start(decided_on + dt.timedelta(days=1))
        [counts] = closed_warning_counts(first=first, after=after)
        assert (counts["warnings_closed"], counts["closed_assisted"]) == (1, 1)
        assert list(lead_days(first=first, after=after)["days"]) == [11]
        assert (decided_on - BILL_ON).days == 11
        assert counts["closed_on_time"] == 0
