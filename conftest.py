"""Fixtures shared by every app: staff users per role and jurisdiction, logged-in clients."""

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
