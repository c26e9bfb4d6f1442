"""Staff of 松枫社区 (当湖街道) and of the county, at a frozen Friday in November 2026."""

import pytest
import time_machine

from minzheng.accounts.enums import Role

PINGHU = 330482000000
DANGHU = 330482001000  # 当湖街道
SONGFENG = 330482001034  # 松枫社区, in 当湖街道
BAIHUA = 330482001031  # 百花社区, in 当湖街道 too
ZHAPU = 330482101000  # 乍浦镇


@pytest.fixture
def frozen():
    with time_machine.travel("2026-11-20 10:00 +0800", tick=False) as traveller:
        yield traveller


@pytest.fixture
def village_worker(make_staff):
    return make_staff(Role.VILLAGE_WORKER, SONGFENG)


@pytest.fixture
def township_worker(make_staff):
    return make_staff(Role.TOWNSHIP_WORKER, DANGHU)


@pytest.fixture
def county_worker(make_staff, parameters_confirmed):
    """The county's approver, in a county that has confirmed its parameters."""
    return make_staff(Role.COUNTY_CASEWORKER, PINGHU)
