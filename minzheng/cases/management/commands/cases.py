"""``minzheng cases``: the monthly payment run from the command line.

    minzheng cases pay --month 2026-12 [--user USERNAME]

The same service as the payments page: the month's ledger rows are added for every schedule
that pays that month and marked paid. Running it twice adds and pays nothing the second time.
"""

import datetime as dt
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from minzheng.accounts.models import User
from minzheng.cases.services.payments import payment_month_run
from minzheng.core.exceptions import ApplicationError


class Command(BaseCommand):
    help = "救助申请：按月发放 (monthly payment run)"

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        pay = commands.add_parser("pay", help="生成并发放某月的台账")
        pay.add_argument("--month", required=True, help="月份 YYYY-MM")
        pay.add_argument("--user", help="以该账号的身份与辖区发放（默认：系统，全部辖区）")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            month = dt.datetime.strptime(options["month"], "%Y-%m").date()  # noqa: DTZ007
        except ValueError:
            raise CommandError("--month 应为 YYYY-MM 格式的月份") from None
        actor = self._actor(options.get("user"))
        bar = tqdm(total=0, desc="发放", file=sys.stderr, unit="户", leave=True)

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        try:
            run = payment_month_run(actor=actor, month=month, progress=progress)
        except ApplicationError as error:
            raise CommandError(str(error.message)) from None
        finally:
            bar.close()
        self.stdout.write(
            f"{run.month:%Y-%m} 发放完成：应发放计划 {run.schedules}，新增台账 {run.created}，"
            f"标记已发放 {run.paid}，金额 {run.amount_paid} 元"
        )

    @staticmethod
    def _actor(username: str | None) -> User | None:
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"账号不存在或已停用：{username}")
        return user
