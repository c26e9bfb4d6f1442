"""The warning rules the county admin sets per region and date (/monitoring/rules/)."""

import datetime as dt

import pytest

from minzheng.accounts.enums import Role
from minzheng.accounts.system import system_user
from minzheng.core.models import AuditEvent
from minzheng.monitoring.enums import EventKind
from minzheng.monitoring.models import EarlyWarning, WarningRuleSetting
from minzheng.monitoring.rule_settings import rules_in_force
from minzheng.monitoring.services import events_import, warnings_from_events
from minzheng.profiling.enums import Colour
from minzheng.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db


def _add(client, **values):
    data = {
        "name": "big_medical_bill.threshold",
        "region": "330482",
        "start": "2026-11-01",
        "value": "30000",
        "reference": "平民〔2026〕9 号",
        **values,
    }
    return client.post("/monitoring/rules/", data)


def _bill(amount, *, record, on):
    person = household_with_members(1).memberships.get().person
    rows = [
        {
            "record_id": record,
            "id_number": person.id_number,
            "kind": "big_medical_bill",
            "occurred_on": on.isoformat(),
            "amount": amount,
        }
    ]
    events_import(actor=system_user(), rows=rows, source="医保")


def test_a_raised_threshold_holds_in_its_region_from_its_date(make_staff, client_for):
    admin = client_for(make_staff(Role.COUNTY_ADMIN))
    assert _add(admin).status_code == 302
    assert _add(admin, name="due_working_days.yellow", value="3").status_code == 302
    # Before the date, a 25,000 bill in 平湖 raises a yellow warning with the shipped 5 days.
    _bill("25000", record="a", on=dt.date(2026, 10, 20))
    assert warnings_from_events(as_of=dt.date(2026, 10, 21)).raised == 1
    assert EarlyWarning.objects.get().due_on == dt.date(2026, 10, 28)
    # From the date, it raises nothing; a 35,000 bill is due in the admin's 3 working days.
    _bill("25000", record="b", on=dt.date(2026, 11, 18))
    _bill("35000", record="c", on=dt.date(2026, 11, 18))
    counts = warnings_from_events(as_of=dt.date(2026, 11, 19))
    assert (counts.raised, counts.ignored) == (1, 1)
    newest = EarlyWarning.objects.get(raised_on=dt.date(2026, 11, 19))
    assert (newest.colour, newest.due_on) == (Colour.YELLOW, dt.date(2026, 11, 24))
    # 湖州市 keeps the shipped table.
    huzhou = rules_in_force(region="330500", day=dt.date(2026, 12, 1))
    assert huzhou.rules[EventKind.BIG_MEDICAL_BILL].threshold == 20_000
    assert AuditEvent.objects.filter(target_type="monitoring.warning_rule_setting").count() == 2
    page = admin.get("/monitoring/rules/").content.decode()
    assert "平民〔2026〕9 号" in page
    assert "30000" in page


@pytest.mark.parametrize(
    ("values", "message"),
    [
        pytest.param({"name": "death.threshold"}, "没有这个参数", id="name_case"),
        pytest.param({"value": "-1"}, "阈值不能为负数", id="negative_case"),
        pytest.param(
            {"name": "due_working_days.red", "value": "1.5"}, "1 至 60", id="fraction_case"
        ),
        pytest.param({"name": "due_working_days.red", "value": "0"}, "1 至 60", id="zero_case"),
        pytest.param({"value": "三万"}, "取值应为数字", id="text_case"),
        pytest.param({"region": "110000"}, "没有这个行政区划", id="region_case"),
        pytest.param({"start": "11/01/2026"}, "YYYY-MM-DD", id="date_case"),
    ],
)
def test_bad_values_are_refused_in_chinese(make_staff, client_for, values, message):
    response = _add(client_for(make_staff(Role.COUNTY_ADMIN)), **values)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not WarningRuleSetting.objects.exists()


def test_history_is_never_overwritten_and_only_the_admin_edits(make_staff, client_for):
    admin = client_for(make_staff(Role.COUNTY_ADMIN))
    _add(admin)
    assert "历史取值不能改写" in _add(admin, value="40000").content.decode()
    caseworker = client_for(make_staff(Role.COUNTY_CASEWORKER))
    assert caseworker.get("/monitoring/rules/").status_code == 403
    assert _add(caseworker, start="2027-01-01").status_code == 403
    assert WarningRuleSetting.objects.get().value == 30000
