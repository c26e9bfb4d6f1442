"""``minzheng profile run [--as-of DATE]``: 五型三色 for every household of the current run."""

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from minzheng.accounts.system import system_user
from minzheng.core.clock import today
from minzheng.core.exceptions import ApplicationError
from minzheng.profiling.enums import COLOUR_LABELS
from minzheng.profiling.services import profiles_run


class Command(BaseCommand):
    help = "精准画像：按五型三色为每户画像（需先运行 minzheng eligibility run）。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        run = commands.add_parser("run", help="为当前批量判定的全部家庭画像")
        run.add_argument("--as-of", help="画像日期 YYYY-MM-DD，默认今天")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else today()
        except ValueError:
            raise CommandError("--as-of 应为 YYYY-MM-DD 格式的日期") from None
        try:
            result = profiles_run(actor=system_user(), as_of=as_of)
        except ApplicationError as error:
            raise CommandError(str(error.message)) from None
        colours = "，".join(
            f"{COLOUR_LABELS[colour]} {count} 户"
            for colour, count in sorted(result.by_colour.items())
        )
        self.stdout.write(
            f"{as_of} 画像 {result.households} 户，其中困难家庭 {result.profiled} 户（{colours}），"
            f"类型或颜色变化 {result.changes} 户，用时 {result.seconds} 秒"
        )
