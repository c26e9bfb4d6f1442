"""``minzheng seed``: fill the database with the synthetic 平湖市 and its demo staff accounts."""

import unicodedata
from argparse import ArgumentParser
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from minzheng.core.exceptions import ApplicationError
from minzheng.demo.assistance import demo_assistance_setup
from minzheng.demo.feeds.importing import demo_feeds_import
from minzheng.demo.feeds.writer import write_feeds
from minzheng.demo.services import (
    DEFAULT_PERSONS,
    DEFAULT_SEED,
    DEMO_PASSWORD,
    SeedSummary,
    demo_seed,
    registry_has_persons,
)
from minzheng.integration.enums import Department


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _table(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(map(_pad, row, widths)).rstrip() for row in rows]


class Command(BaseCommand):
    help = "生成演示县(平湖市)的合成人口、户、地址和各角色演示账号。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--persons", type=int, default=DEFAULT_PERSONS, help="人数")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="随机种子")
        parser.add_argument("--reset", action="store_true", help="先删除已有演示数据")
        parser.add_argument(
            "--if-empty", action="store_true", help="人员库已有数据时跳过，不报错(供 make run 使用)"
        )
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")
        parser.add_argument("--password", default=DEMO_PASSWORD, help="演示账号的统一密码")
        parser.add_argument(
            "--no-feeds",
            action="store_true",
            help="不生成和导入部门数据(公安、医保、人社、残联、不动产、车辆、电力、公积金、税务、市场监管、银行答复)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["persons"] < 1:
            raise CommandError("--persons 必须为正整数。")
        if options["if_empty"] and not options["reset"] and registry_has_persons():
            self.stdout.write("人员库已有数据，跳过生成演示数据。")
            return
        try:
            summary = demo_seed(
                persons=options["persons"],
                seed=options["seed"],
                reset=options["reset"],
                progress=not options["no_progress"],
                password=options["password"],
            )
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        self._report(summary)
        if not options["no_feeds"]:
            self._feeds(seed=options["seed"], progress=not options["no_progress"])
            self._assistance(seed=options["seed"])

    def _assistance(self, *, seed: int) -> None:
        directory = Path(settings.VAR_DIR) / "demo-feeds"
        try:
            summary = demo_assistance_setup(directory=directory, seed=seed)
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"救助规则已批量判定 {summary.households} 户，"
                f"{summary.reserves} 个镇街设立了备用金："
            )
        )
        for label, households, monthly in summary.counts:
            self.stdout.write(f"  {label}：{households} 户，每月 {monthly} 元")
        self.stdout.write(f"  精准画像：困难家庭 {summary.profiled} 户")
        self.stdout.write(
            f"  在册对象：名册 {summary.roll_rows} 行，迁入 {summary.roll_entries} 条，"
            f"待复核 {summary.roll_reviews} 项"
        )
        self.stdout.write(
            f"  资金发放：收款账户 {summary.accounts} 户，下月发放批次 "
            f"{summary.batch_lines} 笔（{summary.batch_status}）"
        )
        events = summary.events
        self.stdout.write(
            f"  预警：监测事件 {events.created} 条，预警 {events.warnings} 条（红 {events.red}），"
            f"探访计划 {summary.visit_plans} 户"
        )

    def _feeds(self, *, seed: int, progress: bool) -> None:
        """Write the departments' demo feeds under var/ and import them like a clerk would."""
        directory = Path(settings.VAR_DIR) / "demo-feeds"
        try:
            write_feeds(directory, seed=seed, progress=progress)
            imports = demo_feeds_import(directory, progress=progress)
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"部门数据已生成并导入(文件在 {directory})："))
        rows = [("部门", "行数", "已匹配", "待审核", "未匹配")]
        rows += [
            (
                str(Department(x.department).label),
                str(x.rows),
                str(x.matched),
                str(x.review),
                str(x.unmatched),
            )
            for x in imports
        ]
        for line in _table(rows):
            self.stdout.write(f"  {line}")

    def _report(self, summary: SeedSummary) -> None:
        write = self.stdout.write
        if summary.deleted:
            removed = "，".join(f"{table} {rows}" for table, rows in summary.deleted.items())
            write(f"已删除旧演示数据：{removed}")
        write(self.style.SUCCESS(f"演示数据已生成(种子 {summary.seed})："))
        write(f"  人员 {summary.persons}，户 {summary.households}，地址 {summary.addresses}，")
        write(f"  户成员关系 {summary.memberships}，演示账号 {len(summary.logins)}")
        write(
            f"  用时 {summary.elapsed_seconds:.1f} 秒(其中生成 {summary.generate_seconds:.1f} 秒)"
        )
        write("")
        write(f"演示账号(统一密码：{summary.password})：")
        rows = [("账号", "角色", "管辖区划")]
        rows += [(x.username, x.role_label, x.jurisdiction_name) for x in summary.logins]
        for line in _table(rows):
            write(f"  {line}")
