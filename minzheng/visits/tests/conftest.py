"""Staff of 松枫社区 (当湖街道), the county and a charity, at a frozen Friday in November 2026."""

import pytest
import time_machine

from minzheng.accounts.enums import Role

PINGHU = 330482000000
DANGHU = 330482001000  # 当湖街道
SONGFENG = 330482001034  # 松枫社区, in 当湖街道
YOULIAN = 330482103217  # 友联村, in 新仓镇


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
def county_worker(make_staff):
    return make_staff(Role.COUNTY_CASEWORKER, PINGHU)


@pytest.fixture
def charity_staff(make_staff):
    return make_staff(Role.CHARITY_STAFF, PINGHU)
