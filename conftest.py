"""Fixtures shared by every app: staff users per role and jurisdiction, logged-in clients."""

import importlib.util
from collections.abc import Callable

import pytest
from django.test import Client

from minzheng.accounts.enums import Role
from minzheng.accounts.models import User
from minzheng.divisions.models import Division

PINGHU = 330482000000
DANGHU = 330482001000  # 当湖街道
ZHAPU = 330482101000  # 乍浦镇
SONGFENG = 330482001034  # 松枫社区, in 当湖街道
YOULIAN = 330482103217  # 友联村, in 新仓镇
PASSWORD = "correct-horse-battery-staple"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--spark",
        action="store_true",
        default=False,
        help="run the tests marked spark (local PySpark and Java; make test-spark)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Spark tests are opt-in, as in Splink's own suite: a local Spark session takes tens of
    # seconds to start and needs the optional pyspark extra and a JVM.
    if not config.getoption("--spark"):
        reason = "Spark test: pass --spark to run it (make test-spark)"
    elif importlib.util.find_spec("pyspark") is None:
        reason = "pyspark is not installed: uv sync --group spark (make test-spark)"
    else:
        return
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        if "spark" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def make_staff(db) -> Callable[..., User]:
    counter = iter(range(10_000))

    def make(role: Role, jurisdiction: int | None = PINGHU, **extra: object) -> User:
        return User.objects.create_user(
            username=f"{role}-{next(counter)}",
            password=PASSWORD,
            role=role,
            jurisdiction=Division.objects.get(code=jurisdiction) if jurisdiction else None,
            **extra,
        )

    return make


@pytest.fixture
def county_admin(make_staff) -> User:
    return make_staff(Role.COUNTY_ADMIN)


@pytest.fixture
def parameters_confirmed(make_staff) -> int:
    """The shipped assumptions confirmed as 演示数据, as the demo seed does, so a county may
    decide cases on them; how many were confirmed."""
    from minzheng.demo.parameters import demo_parameters_confirm

    return demo_parameters_confirm(actor=make_staff(Role.COUNTY_ADMIN))


@pytest.fixture
def caseworker(make_staff) -> User:
    return make_staff(Role.COUNTY_CASEWORKER)


@pytest.fixture
def auditor(make_staff) -> User:
    return make_staff(Role.AUDITOR)


@pytest.fixture
def client_for() -> Callable[[User], Client]:
    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
