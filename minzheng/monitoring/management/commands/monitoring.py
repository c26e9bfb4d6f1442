"""``minzheng monitoring``: import departments' monitoring events and sweep the warnings.

    minzheng monitoring events FILE.csv --source 医保   # then raises the warnings
    minzheng monitoring escalate

The CSV is UTF-8 with the header ``record_id,id_number,kind,occurred_on,amount`` (and an
optional ``months`` column for 水电欠费). Output is counts and line numbers only.
"""

import csv
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from minzheng.accounts.system import system_user
from minzheng.core.clock import today
from minzheng.core.exceptions import ApplicationError
from minzheng.monitoring.services import events_import, warnings_escalate, warnings_from_events

REQUIRED = ("record_id", "id_number", "kind", "occurred_on", "amount")
SHOWN_ROWS = 20


class Command(BaseCommand):
    help = "导入监测事件并生成预警 (import monitoring events, raise and escalate warnings)"

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        events = commands.add_parser("events", help="导入一个 UTF-8 CSV 监测事件文件")
        events.add_argument("file", type=Path)
        events.add_argument("--source", required=True, help="来源部门，如 医保")
        commands.add_parser("escalate", help="逾期预警升级")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "events":
                self._events(options["file"], options["source"])
            else:
                moved = warnings_escalate(as_of=today())
                self.stdout.write(f"升级预警 {moved} 条")
        except ApplicationError as error:
            raise CommandError(str(error.message)) from None

    def _events(self, path: Path, source: str) -> None:
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle)
                missing = [name for name in REQUIRED if name not in (reader.fieldnames or [])]
                if missing:
                    raise CommandError(f"缺少列：{'，'.join(missing)}")
                rows = [{**row, "line": reader.line_num} for row in reader]
        except UnicodeDecodeError:
            raise CommandError(f"文件不是 UTF-8 编码：{path}") from None
        except OSError as error:
            raise CommandError(f"无法读取文件 {path}：{error.strerror}") from None
        counts = events_import(actor=system_user(), rows=rows, source=source)
        self.stdout.write(
            f"共 {counts.rows} 行：新增 {counts.created}，重复 {counts.duplicates}，"
            f"查无此人 {counts.unknown_persons}，有误 {counts.invalid}"
        )
        for problem in counts.errors[:SHOWN_ROWS]:
            self.stdout.write(f"  第 {problem.line} 行：{problem.message}")
        for line in counts.unknown_lines[:SHOWN_ROWS]:
            self.stdout.write(f"  第 {line} 行：户籍库中查无此身份证号")
        raised = warnings_from_events(as_of=today())
        self.stdout.write(
            f"研判事件 {raised.events} 条：新预警 {raised.raised}，并入已有预警 {raised.attached}，"
            f"红色 {raised.red}"
        )
