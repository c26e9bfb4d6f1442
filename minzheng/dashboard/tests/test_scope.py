"""A ``?township=`` parameter narrows the dashboard to one 镇街 inside the actor's jurisdiction,
never moves or widens it: on the page and in every Excel export, for township and village staff.
"""

import datetime as dt
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from conftest import DANGHU, SONGFENG
from minzheng.accounts.enums import Role
from minzheng.dashboard.models import LoopTally
from minzheng.divisions.enums import DivisionLevel
from minzheng.divisions.models import Division
from minzheng.profiling.models import ProfileTally

pytestmark = pytest.mark.django_db

ZHONGDAI = 330482002000  # 钟埭街道, next to 当湖街道
DAY = dt.date(2026, 11, 20)
EXPORTS = ("profiles.xlsx", "warnings.xlsx", "visits.xlsx")


def _villages(township: int) -> list[Division]:
    return list(
        Division.objects.filter(parent_id=township, level=DivisionLevel.VILLAGE).order_by("code")
    )


@pytest.fixture
def tallies() -> dict[int, list[Division]]:
    """One household and one open warning in every 村社 of 当湖街道 and 钟埭街道."""
    villages = {township: _villages(township) for township in (DANGHU, ZHONGDAI)}
    for division in [*villages[DANGHU], *villages[ZHONGDAI]]:
        ProfileTally.objects.create(
            division_code=division.code, primary=0, colour=0, households=1, computed_on=DAY
        )
        LoopTally.objects.create(
            division_code=division.code,
            computed_on=DAY,
            computed_at=dt.datetime(2026, 11, 20, 8, tzinfo=dt.UTC),
            warnings_open=1,
            visit_plans=1,
        )
    return villages


def _export_names(client: Client, name: str, query: str) -> list[str]:
    response = client.get(f"/dashboard/{name}{query}")
    assert response.status_code == 200
    rows = load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True)
    return [str(row[0]) for row in list(rows)[1:-1]]  # between the header and the total


# Requests that once moved the scope: the last code of the 镇街 (its range then reached into
# the next 镇街), and a village's own code (its range then reached 999 codes beyond it).
MOVING = {
    Role.TOWNSHIP_WORKER: (DANGHU, "?township=330482001999"),
    Role.VILLAGE_WORKER: (SONGFENG, f"?township={SONGFENG}"),
}


@pytest.mark.parametrize("role", list(MOVING))
@pytest.mark.parametrize("query_kind", ["moving", "foreign", "none"])
def test_a_parameter_never_moves_the_scope(
    tallies, make_staff, client_for, role, query_kind
) -> None:
    jurisdiction, moving = MOVING[role]
    query = {"moving": moving, "foreign": f"?township={ZHONGDAI}", "none": ""}[query_kind]
    client = client_for(make_staff(role, jurisdiction))
    # A 镇街's or a 村社's own board lists its 村社 (one row for a 村社), whatever is asked.
    own = [v.name for v in tallies[DANGHU] if jurisdiction in (DANGHU, v.code)]
    foreign = [v.name for v in tallies[ZHONGDAI]]
    page = client.get(f"/dashboard/{query}").content.decode()
    assert not [name for name in foreign if name in page]
    for name in EXPORTS:
        rows = _export_names(client, name, query)
        assert not set(rows) & set(foreign), name
        assert sorted(rows) == sorted(own), name


def test_a_township_parameter_narrows_the_county(tallies, make_staff, client_for) -> None:
    client = client_for(make_staff(Role.COUNTY_CASEWORKER))
    for name in EXPORTS:
        rows = _export_names(client, name, f"?township={ZHONGDAI}")
        assert sorted(rows) == sorted(v.name for v in tallies[ZHONGDAI]), name
    page = client.get(f"/dashboard/?township={ZHONGDAI}").content.decode()
    assert "钟埭街道数据看板" in page
    assert "全部镇街" in page


def test_the_village_dashboard_is_titled_and_counted_by_its_village(
    tallies, make_staff, client_for
) -> None:
    page = client_for(make_staff(Role.VILLAGE_WORKER, SONGFENG)).get("/dashboard/")
    text = page.content.decode()
    assert "松枫社区数据看板" in text
    assert "当湖街道" not in text
    assert "全部镇街" not in text
