import io

import pytest
from openpyxl import load_workbook

from conftest import DANGHU, YOULIAN
from minzheng.accounts.enums import Role
from minzheng.accounts.system import system_user
from minzheng.core.models import AuditEvent
from minzheng.eligibility.services import determinations_run
from minzheng.eligibility.tests.test_runs_and_whatif import AS_OF, _single
from minzheng.profiling.services import profiles_run


@pytest.fixture
def county(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _single("500")  # 当湖街道 松枫社区: 兜底型, 绿
    _single("0", division=YOULIAN)  # 新仓镇 友联村
    _single("9000")  # not in difficulty
    determinations_run(actor=system_user(), as_of=AS_OF)
    profiles_run(actor=system_user(), as_of=AS_OF)


@pytest.mark.django_db
def test_the_county_sees_each_township_and_drills_down(county, make_staff, client_for):
    client = client_for(make_staff(Role.COUNTY_CASEWORKER))
    page = client.get("/dashboard/").content.decode()
    assert "当湖街道" in page
    assert "新仓镇" in page
    assert 'data-chart="profile-chart"' in page
    village = client.get(f"/dashboard/?township={DANGHU}").content.decode()
    assert "松枫社区" in village
    assert "新仓镇" not in village


@pytest.mark.django_db
def test_a_township_sees_only_its_own(county, make_staff, client_for):
    page = client_for(make_staff(Role.TOWNSHIP_WORKER, DANGHU)).get("/dashboard/").content.decode()
    assert "当湖街道" in page
    assert "新仓镇" not in page


@pytest.mark.django_db
def test_the_table_exports_to_excel_and_is_audited(county, make_staff, client_for):
    response = client_for(make_staff(Role.COUNTY_CASEWORKER)).get("/dashboard/profiles.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "区划"
    assert rows[-1][0] == "合计"
    assert rows[-1][-1] == 2
    assert AuditEvent.objects.filter(target_type="dashboard.profiles", action="export").count() == 1


@pytest.mark.django_db
def test_the_page_reads_the_tallies_in_a_fixed_number_of_queries(
    county, make_staff, client_for, django_assert_max_num_queries
):
    client = client_for(make_staff(Role.COUNTY_CASEWORKER))
    client.get("/dashboard/")
    # Session, user, jurisdiction, profile tallies, names, loop tallies, lead days, and the
    # session refresh (three with its savepoint): whatever the data size.
    with django_assert_max_num_queries(10):
        client.get("/dashboard/")


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.AUDITOR, Role.CHARITY_STAFF, Role.HOTLINE_OPERATOR])
def test_roles_without_profiles_are_refused(make_staff, client_for, role):
    assert client_for(make_staff(role)).get("/dashboard/").status_code == 403


@pytest.mark.django_db
def test_the_colour_chart_draws_red_amber_and_green(county, make_staff, client_for):
    # ECharts' default palette drew 红 blue, 黄 lime and 绿 slate.
    response = client_for(make_staff(Role.COUNTY_CASEWORKER)).get("/dashboard/")
    drawn = {series["name"]: series.get("color") for series in response.context["chart"]["series"]}
    assert drawn == {"红": "#c62828", "黄": "#f0a500", "绿": "#2e7d32"}
