"""``minzheng cases``: the 动态管理 sweep and the township reserves from the command line.

    minzheng cases review [--as-of 2026-12-01]
    minzheng cases reserve --township 330482001000 --year 2026 --budget 200000 --user NAME

Payments are not made here: ``minzheng payments`` takes a month's batch through its steps.
"""

import datetime as dt
from argparse import ArgumentParser
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from minzheng.accounts.models import User
from minzheng.accounts.selectors import active_staff_get
from minzheng.cases.enums import ReviewKind
from minzheng.cases.services.grant_first import township_reserve_set
from minzheng.cases.services.reviews import benefit_reviews_propose
from minzheng.core.clock import today
from minzheng.core.exceptions import ApplicationError, PermissionDenied


class Command(BaseCommand):
    help = "救助申请：动态管理复核、镇街备用金 (benefit reviews, township reserves)"

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
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
        self._reserve(options)

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
    def _actor(username: str) -> User:
        user = active_staff_get(username=username)
        if user is None:
            raise CommandError(f"账号不存在或已停用：{username}")
        return user
