import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from conftest import DANGHU, YOULIAN
from minzheng.accounts.enums import Role
from minzheng.accounts.system import system_user
from minzheng.core.exceptions import ApplicationError, PermissionDenied
from minzheng.core.models import AuditEvent
from minzheng.divisions.models import Division
from minzheng.eligibility.models import (
    Determination,
    DeterminationRun,
    PolicyWhatIf,
    PolicyWhatIfHousehold,
)
from minzheng.eligibility.rules.changes import ParameterChange
from minzheng.eligibility.selectors import household_suggestions
from minzheng.eligibility.services import determinations_run
from minzheng.eligibility.services.whatif import policy_whatif
from minzheng.eligibility.snapshots import run_snapshot_path
from minzheng.integration.enums import Department
from minzheng.integration.tests.factories import source_record
from minzheng.registry.enums import Relation
from minzheng.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory

AS_OF = dt.date(2026, 11, 1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _single(wage: str | None, *, division: int | None = None, **person):
    home = HouseholdFactory(
        **({"division": Division.objects.get(code=division)} if division else {})
    )
    adult = PersonFactory(birth_date=dt.date(1980, 1, 1), **person)
    MembershipFactory(household=home, person=adult, relation=Relation.HEAD)
    if wage is not None:
        source_record(adult, Department.SOCIAL_SECURITY, {"monthly_wage": wage}, as_of=AS_OF)
    return home


@pytest.fixture
def county():
    """Four one-person households: 低保 145, 低边 (h 1180), well off, and 低保 in 新仓镇."""
    return {
        "dibao": _single("1000"),
        "edge": _single("1180"),
        "rich": _single("9000"),
        "youlian": _single("500", division=YOULIAN),
    }


def _standard(value: str, **changes) -> list[ParameterChange]:
    return [
        ParameterChange(name="dibao.standard", value=Decimal(value), label="测算设定值", **changes)
    ]


@pytest.mark.django_db
def test_run_stores_one_determination_per_household(county):
    run = determinations_run(actor=system_user(), as_of=AS_OF)
    assert run.is_current
    assert run.household_count == 4
    amounts = dict(Determination.objects.values_list("household_id", "dibao_amount"))
    assert amounts == {
        county["dibao"].pk: 145,
        county["edge"].pk: 0,
        county["rich"].pk: 0,
        county["youlian"].pk: 645,
    }
    assert run.parameters["330482"]["dibao.standard"] == {
        "value": 1145,
        "label": "模型默认值（沿用湖州市 2024 年标准）",
    }
    assert run_snapshot_path(run.pk).exists()
    assert AuditEvent.objects.filter(target_type="eligibility.determination_run").count() == 1


@pytest.mark.django_db
def test_a_new_run_replaces_the_current_one_and_keeps_only_the_previous(
    county, django_capture_on_commit_callbacks
):
    first = determinations_run(actor=system_user(), as_of=AS_OF)
    second = determinations_run(actor=system_user(), as_of=AS_OF)
    with django_capture_on_commit_callbacks(execute=True):
        third = determinations_run(actor=system_user(), as_of=AS_OF)
    assert list(DeterminationRun.objects.filter(is_current=True)) == [third]
    assert set(DeterminationRun.objects.values_list("pk", flat=True)) == {second.pk, third.pk}
    assert not Determination.objects.filter(run=first).exists()
    assert not run_snapshot_path(first.pk).exists()
    assert run_snapshot_path(second.pk).exists()


@pytest.mark.django_db
def test_suggestions_explain_what_the_household_could_apply_for(county):
    assert household_suggestions(household_id=county["dibao"].pk) == []
    determinations_run(actor=system_user(), as_of=AS_OF)
    [suggestion] = household_suggestions(household_id=county["dibao"].pk)
    assert (suggestion.programme, suggestion.monthly_amount) == ("dibao", 145)
    assert suggestion.sentences[0] == (
        "家庭人均收入 1000.00 元 低于 低保标准 1145 元（模型默认值（沿用湖州市 2024 年标准））"
    )
    assert [s.programme for s in household_suggestions(household_id=county["edge"].pk)] == [
        "dibao_edge"
    ]
    assert household_suggestions(household_id=county["rich"].pk) == []


@pytest.mark.django_db
def test_whatif_counts_gains_increases_and_the_monthly_cost(county, county_admin):
    determinations_run(actor=system_user(), as_of=AS_OF)
    whatif = policy_whatif(actor=county_admin, changes=_standard("1200"))
    totals = whatif.summary["totals"]
    assert {k: totals[k] for k in ("gained", "lost", "increased", "decreased")} == {
        "gained": 1,
        "lost": 0,
        "increased": 2,
        "decreased": 0,
    }
    assert (totals["monthly_before"], totals["monthly_after"], totals["monthly_delta"]) == (
        790,
        920,
        130,
    )
    townships = {line["code"]: line for line in whatif.summary["townships"]}
    assert townships[DANGHU]["monthly_delta"] == 75
    assert townships[DANGHU]["name"] == "当湖街道"
    changed = {
        row.household_id: (row.change, row.amount_before, row.amount_after)
        for row in PolicyWhatIfHousehold.objects.filter(whatif=whatif)
    }
    assert changed == {
        county["dibao"].pk: ("increased", 145, 200),
        county["edge"].pk: ("gained", 0, 20),
        county["youlian"].pk: ("increased", 645, 700),
    }


@pytest.mark.django_db
def test_whatif_from_a_date_judges_on_that_date_and_region(county, county_admin):
    determinations_run(actor=system_user(), as_of=AS_OF)
    whatif = policy_whatif(
        actor=county_admin, changes=_standard("1200", start=dt.date(2027, 1, 1), region="330500")
    )
    assert whatif.as_of == dt.date(2027, 1, 1)
    assert whatif.summary["totals"]["monthly_delta"] == 0  # Pinghu keeps its standard


@pytest.mark.django_db
def test_whatif_needs_a_run_and_the_capability(county, make_staff):
    with pytest.raises(ApplicationError, match="请先运行"):
        policy_whatif(actor=make_staff(Role.COUNTY_ADMIN), changes=_standard("1200"))
    determinations_run(actor=system_user(), as_of=AS_OF)
    with pytest.raises(PermissionDenied):
        policy_whatif(actor=make_staff(Role.TOWNSHIP_WORKER, DANGHU), changes=_standard("1200"))
    assert not PolicyWhatIf.objects.exists()
    assert not AuditEvent.objects.filter(target_type="eligibility.policy_whatif").exists()


@pytest.mark.django_db
def test_whatif_page_runs_shows_and_exports(county, make_staff, client_for):
    determinations_run(actor=system_user(), as_of=AS_OF)
    client = client_for(make_staff(Role.COUNTY_CASEWORKER))
    response = client.post(
        reverse("eligibility:whatif_start"),
        {"name": "dibao.standard", "value": "1200", "start": "", "region": ""},
    )
    whatif = PolicyWhatIf.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("eligibility:whatif_detail", args=[whatif.pk])
    page = client.get(response["Location"]).content.decode()
    assert "当湖街道" in page
    assert county["edge"].number in page
    assert "新增享受" in page
    export = client.get(reverse("eligibility:whatif_export", args=[whatif.pk]))
    book = load_workbook(io.BytesIO(export.content))
    numbers = [row[0] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert sorted(numbers) == sorted(county[k].number for k in ("dibao", "edge", "youlian"))
    # Issue 13: the 村社 by name, never its code; a frozen header and fitted columns.
    households = book.worksheets[1]
    assert households["B1"].value == "村(社区)"
    villages = {row[1] for row in households.iter_rows(min_row=2, values_only=True)}
    assert villages == {county[k].division.name for k in ("dibao", "edge", "youlian")}
    assert all(sheet.freeze_panes == "A2" for sheet in book.worksheets)
    assert households.column_dimensions["A"].width >= len(county["dibao"].number)
    actions = list(
        AuditEvent.objects.filter(target_type="eligibility.policy_whatif").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["create", "export", "view"]


@pytest.mark.django_db
def test_whatif_form_errors_are_shown_in_chinese(county, county_admin, client_for):
    client = client_for(county_admin)
    page = client.post(
        reverse("eligibility:whatif_start"), {"name": "dibao.standard", "value": "-1"}
    )
    assert page.status_code == 200
    assert not PolicyWhatIf.objects.exists()
    page = client.post(
        reverse("eligibility:whatif_start"), {"name": "dibao.standard", "value": "1200"}
    ).content.decode()
    assert "还没有批量判定结果" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "division", "status"),
    [
        pytest.param(Role.VILLAGE_WORKER, None, 403, id="village_case"),
        pytest.param(Role.TOWNSHIP_WORKER, DANGHU, 403, id="township_case"),
        pytest.param(Role.AUDITOR, None, 403, id="auditor_case"),
        pytest.param(Role.COUNTY_CASEWORKER, None, 200, id="caseworker_case"),
        pytest.param(Role.COUNTY_ADMIN, None, 200, id="admin_case"),
    ],
)
@pytest.mark.parametrize("url_name", ["eligibility:whatif_start", "eligibility:parameter_list"])
def test_page_access(make_staff, client_for, role, division, status, url_name):
    user = make_staff(role, division) if division else make_staff(role)
    assert client_for(user).get(reverse(url_name)).status_code == status


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("eligibility:whatif_start"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_whatif_command_prints_the_totals_and_writes_the_list(
    county, county_admin, tmp_path, capsys
):
    call_command("eligibility", "run", "--as-of", "2026-11-01")
    out = tmp_path / "whatif.xlsx"
    call_command(
        "eligibility",
        "whatif",
        "--set",
        "dibao.standard=1200",
        "--user",
        county_admin.username,
        "--out",
        str(out),
    )
    printed = capsys.readouterr().out
    assert "新增享受 1 户，不再享受 0 户，金额增加 2 户，金额减少 0 户" in printed
    assert "每月支出 790 → 920 元（+130）" in printed
    assert load_workbook(out).worksheets[1].max_row == 4
    with pytest.raises(CommandError, match="没有这个工作人员"):
        call_command("eligibility", "whatif", "--set", "dibao.standard=1200", "--user", "nobody")
