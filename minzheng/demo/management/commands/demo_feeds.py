"""``minzheng demo_feeds``: department feeds with linkage noise and a truth file, for 核对 demos."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from minzheng.core.exceptions import ApplicationError
from minzheng.demo.feeds.writer import write_feeds
from minzheng.demo.services import DEFAULT_SEED


class Command(BaseCommand):
    help = (
        "根据演示人员库生成各部门数据(公安、医保、人社、残联、不动产、车辆、电力)及匹配真值文件。"
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--out", required=True, type=Path, help="输出目录")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="随机种子")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"]
        try:
            summary = write_feeds(out, seed=options["seed"], progress=not options["no_progress"])
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        except OSError as exc:
            raise CommandError(f"无法写入输出目录：{exc.strerror or exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"部门数据已写入 {out}(种子 {options['seed']})："))
        for name, rows in summary.rows.items():
            self.stdout.write(f"  {name}  {rows} 行")
        self.stdout.write(f"  用时 {summary.seconds:.1f} 秒")
