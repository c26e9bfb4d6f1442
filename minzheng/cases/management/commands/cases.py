"""``minzheng cases``: the monthly payment run and the 动态管理 sweep from the command line.

    minzheng cases pay --month 2026-12 [--user USERNAME]
    minzheng cases review [--as-of 2026-12-01]
    minzheng cases reserve --township 330482001000 --year 2026 --budget 200000 --user NAME

The same service as the payments page: the month's ledger rows are added for every schedule
that pays that month and marked paid. Running it twice adds and pays nothing the second time.
"""

import datetime as dt
import sys
from argparse import ArgumentParser
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from minzheng.accounts.models import User
from minzheng.accounts.selectors import active_staff_get
from minzheng.cases.enums import ReviewKind
from minzheng.cases.services.grant_first import township_reserve_set
from minzheng.cases.services.payments import payment_month_run
from minzheng.cases.services.reviews import benefit_reviews_propose
from minzheng.core.clock import today
from minzheng.core.exceptions import ApplicationError, PermissionDenied


class Command(BaseCommand):
    help = "救助申请：按月发放 (monthly payment run)"

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        pay = commands.add_parser("pay", help="生成并发放某月的台账")
        pay.add_argument("--month", required=True, help="月份 YYYY-MM")
        pay.add_argument("--user", help="以该账号的身份与辖区发放（默认：系统，全部辖区）")
        review = commands.add_parser("review", help="动态管理：重新判定正在发放的救助")
        review.add_argument("--as-of", help="判定日期 YYYY-MM-DD，默认今天")
        reserve = commands.add_parser("reserve", help="设定镇街临时救助备用金额度")
        reserve.add_argument("--township", type=int, required=True, help="镇街区划代码")
        reserve.add_argument("--year", type=int, required=True)
        reserve.add_argument("--budget", type=Decimal, required=True, help="额度（元）")
        reserve.add_argument("--user", required=True, help="县级审批人账号（记入审计）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "review":
            self._review(options.get("as_of"))
            return
        if options["action"] == "reserve":
            self._reserve(options)
            return
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

    def _review(self, as_of_text: str | None) -> None:
        try:
            as_of = dt.date.fromisoformat(as_of_text) if as_of_text else today()
        except ValueError:
            raise CommandError("--as-of 应为 YYYY-MM-DD 格式的日期") from None
        sweep = benefit_reviews_propose(as_of=as_of)
        labels = dict(ReviewKind.choices)
        proposed = "，".join(f"{labels[k]} {n} 户" for k, n in sorted(sweep.proposed.items()))
        self.stdout.write(
            f"{sweep.as_of} 复核正在发放的救助 {sweep.schedules} 项；建议：{proposed or '无'}"
        )

    def _reserve(self, options: dict[str, Any]) -> None:
        actor = self._actor(options["user"])
        assert actor is not None  # noqa: S101 (--user is required)
        try:
            reserve = township_reserve_set(
                actor=actor,
                township_code=options["township"],
                year=options["year"],
                budget=options["budget"],
            )
        except ApplicationError as error:
            raise CommandError(str(error.message)) from None
        except PermissionDenied:
            raise CommandError(f"{options['user']} 不能设定该镇街的备用金") from None
        self.stdout.write(
            f"{reserve.year} 年备用金：额度 {reserve.budget} 元，已使用 {reserve.spent} 元"
        )

    @staticmethod
    def _actor(username: str | None) -> User | None:
        if not username:
            return None
        user = active_staff_get(username=username)
        if user is None:
            raise CommandError(f"账号不存在或已停用：{username}")
        return user
