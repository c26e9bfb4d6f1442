"""The demo county's staff accounts: one per county-level role, township and sample village."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import translation

from minzheng.accounts.enums import Role
from minzheng.accounts.models import User
from minzheng.core.exceptions import ApplicationError
from minzheng.divisions.models import Division

COUNTY_CODE = 330482000000  # 平湖市

# County-level roles act for the whole county; display names say they are demo accounts.
COUNTY_ACCOUNTS: tuple[tuple[str, Role, str], ...] = (
    ("county_admin", Role.COUNTY_ADMIN, "县级管理员(演示)"),
    # A second admin approves back-dated parameter changes (two people, ADR 0019).
    ("county_admin_2", Role.COUNTY_ADMIN, "县级管理员二(演示)"),
    ("county_caseworker", Role.COUNTY_CASEWORKER, "县级经办人(演示)"),
    # A second county caseworker: a payment batch is checked by someone other than its maker.
    ("county_checker", Role.COUNTY_CASEWORKER, "县级复核人(演示)"),
    ("hotline_operator", Role.HOTLINE_OPERATOR, "热线话务员(演示)"),
    ("service_provider", Role.SERVICE_PROVIDER, "服务商(演示)"),
    ("charity_staff", Role.CHARITY_STAFF, "慈善组织人员(演示)"),
    ("auditor", Role.AUDITOR, "审计员(演示)"),
)
# Usernames spell the place in pinyin so a demo audience can guess them.
TOWNSHIP_ACCOUNTS: tuple[tuple[str, int], ...] = (
    ("township_danghu", 330482001000),
    ("township_zhongdai", 330482002000),
    ("township_caoqiao", 330482003000),
    ("township_zhapu", 330482101000),
    ("township_xindai", 330482102000),
    ("township_xincang", 330482103000),
    ("township_guangchen", 330482106000),
    ("township_lindai", 330482107000),
    ("township_dushangang", 330482108000),
)
VILLAGE_ACCOUNTS: tuple[tuple[str, int], ...] = (
    ("village_songfeng", 330482001034),  # 松枫社区, 当湖街道
    ("village_baihua", 330482001031),  # 百花社区, 当湖街道
    ("village_youlian", 330482103217),  # 友联村, 新仓镇
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    role_label: str
    jurisdiction_code: int
    jurisdiction_name: str


@dataclass(frozen=True)
class _Account:
    username: str
    role: Role
    division_code: int
    display_name: str  # empty: named after the jurisdiction


def _accounts() -> list[_Account]:
    accounts = [_Account(name, role, COUNTY_CODE, label) for name, role, label in COUNTY_ACCOUNTS]
    accounts += [_Account(n, Role.TOWNSHIP_WORKER, c, "") for n, c in TOWNSHIP_ACCOUNTS]
    accounts += [_Account(n, Role.VILLAGE_WORKER, c, "") for n, c in VILLAGE_ACCOUNTS]
    return accounts


def _refuse_real_accounts(usernames: Iterable[str]) -> None:
    taken = User.objects.filter(username__in=list(usernames), is_synthetic=False)
    names = sorted(taken.values_list("username", flat=True))
    if names:
        raise ApplicationError(
            translation.gettext("以下账号已被非演示账号占用：%(names)s")
            % {"names": "、".join(names)}
        )


def demo_staff_ensure(*, password_hash: str) -> list[DemoLogin]:
    """Create or reset the demo accounts, all with one already hashed password.

    Existing demo accounts are updated in place rather than recreated, because audit events
    point at them and the audit log is append-only.
    """
    accounts = _accounts()
    _refuse_real_accounts(a.username for a in accounts)
    divisions = Division.objects.in_bulk([a.division_code for a in accounts])
    missing = sorted({a.division_code for a in accounts} - set(divisions))
    if missing:
        raise ApplicationError(translation.gettext("缺少演示县的行政区划：%(codes)s") % {
            "codes": ", ".join(map(str, missing))
        })  # fmt: skip
    logins = []
    for account in accounts:
        division = divisions[account.division_code]
        User.objects.update_or_create(
            username=account.username,
            defaults={
                "display_name": account.display_name or f"{division.name}工作人员(演示)",
                "role": account.role,
                "jurisdiction": division,
                "password": password_hash,
                "is_active": True,
                "is_staff": False,
                "is_superuser": False,
                "is_synthetic": True,
            },
        )
        logins.append(
            DemoLogin(
                username=account.username,
                role=account.role.value,
                role_label=str(account.role.label),
                jurisdiction_code=division.code,
                jurisdiction_name=division.name,
            )
        )
    return logins
