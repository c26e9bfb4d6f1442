"""``minzheng visits``: refresh the visit plans from the household profiles.

    minzheng visits plan [--as-of 2026-11-20]

Creates or updates one plan per profiled household; running it again writes nothing.
"""

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from minzheng.core.clock import today
from minzheng.profiling.enums import Colour
from minzheng.visits.services.planning import visit_plans_refresh


class Command(BaseCommand):
    help = "探访：按风险颜色生成探访计划 (visit plans)"

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        plan = commands.add_parser("plan", help="按家庭画像的颜色生成或更新探访计划")
        plan.add_argument("--as-of", help="计划日期 YYYY-MM-DD，默认今天")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of_text = options.get("as_of")
        try:
            as_of = dt.date.fromisoformat(as_of_text) if as_of_text else today()
        except ValueError:
            raise CommandError("--as-of 应为 YYYY-MM-DD 格式的日期") from None
        counts = visit_plans_refresh(as_of=as_of)
        by_colour = "，".join(
            f"{colour.label} {counts.by_colour[colour.value]}" for colour in reversed(Colour)
        )
        self.stdout.write(
            f"{as_of:%Y-%m-%d} 探访计划：新增 {counts.created}，更新 {counts.updated}，"
            f"移除 {counts.removed}；按颜色 {by_colour}"
        )
