"""``minzheng caseload``: bring in the provincial system's roll of current recipients (在册对象).

    minzheng caseload import FILE [--as-of 2026-10-31] [--column FIELD=HEADER …]
                                  [--skip-invalid] [--user USERNAME]
    minzheng caseload compare

``import`` takes the feed's steps (ADR 0008) for the 在册对象 department: the file is stored,
checked row by row, linked to the registry by ID number and staged; when every row is valid
(or ``--skip-invalid``) it is merged, which makes the migrated cases and opens the 复核 items
where the current rules run disagrees. A file with invalid rows merges nothing: the rows are
listed with their problems. ``compare`` sets all migrated benefits beside the current rules
run again (the nightly chain does it after each run). Output is counts only.
"""

import datetime as dt
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from minzheng.accounts.models import User
from minzheng.accounts.selectors import active_staff_get
from minzheng.accounts.system import system_user
from minzheng.cases.services.caseload import caseload_compare
from minzheng.cases.services.caseload_import import caseload_roll_import
from minzheng.core.clock import today
from minzheng.core.commands import command_refusal
from minzheng.core.exceptions import ApplicationError
from minzheng.integration.selectors.imports import feed_import_invalid_rows

SHOWN_ROWS = 20  # row problems printed; the import page lists them all


class Command(BaseCommand):
    help = "导入省社会救助系统在册对象名册 (import the roll of current recipients)"

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        load = commands.add_parser("import", help="导入一个 CSV 或 XLSX 在册名册")
        load.add_argument("file", type=Path)
        load.add_argument("--as-of", help="名册数据截止日期 YYYY-MM-DD（默认：今天）")
        load.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="FIELD=HEADER",
            help="列对应关系，如 monthly_amount=月保障金；未给出的按表头名称和上次的设置对应",
        )
        load.add_argument(
            "--skip-invalid", action="store_true", help="有误的行不入库，其余的行照常入库"
        )
        load.add_argument("--user", help="以该账号的身份与辖区导入（默认：系统，全部辖区）")
        commands.add_parser("compare", help="将全部在册对象与当前批量判定结果重新比对")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "import":
                self._import(options)
            else:
                opened = caseload_compare()
                self.stdout.write(f"比对完成：新增复核事项 {opened} 项")
        except ApplicationError as error:
            raise command_refusal(error) from None

    def _import(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"无法读取文件 {path}：{error.strerror}") from None
        try:
            as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else today()
        except ValueError:
            raise CommandError("--as-of 应为 YYYY-MM-DD 格式的日期") from None
        columns = {}
        for pair in options["column"]:
            field, sep, header = pair.partition("=")
            if not sep:
                raise CommandError(f"--column 应写作 FIELD=HEADER：{pair}")
            columns[field.strip()] = header.strip()
        result = caseload_roll_import(
            actor=self._actor(options.get("user")),
            file_name=path.name,
            data=data,
            as_of=as_of,
            columns=columns,
            skip_invalid=options["skip_invalid"],
        )
        feed = result.feed_import
        self.stdout.write(
            f"导入 {feed.id}：{feed.row_count} 行，有误 {feed.invalid_count}，"
            f"已匹配 {feed.matched_count}，待审核 {feed.review_count}，"
            f"未匹配 {feed.unmatched_count}"
        )
        for row in feed_import_invalid_rows(feed_import=feed)[:SHOWN_ROWS]:
            problems = "；".join(p["message"] for p in row.errors if p.get("blocking"))
            self.stdout.write(f"  第 {row.row_number} 行：{problems}")
        if feed.invalid_count > SHOWN_ROWS:
            self.stdout.write(f"  …其余有误的行见网页：/integration/imports/{feed.id}/")
        if not result.merged:
            raise CommandError(
                "名册中有误的行，未入库任何数据：请更正后重新导入，"
                "或加 --skip-invalid 只导入无误的行。"
            )
        self.stdout.write(
            f"入库完成：新增 {feed.created_count}，变更 {feed.changed_count}，"
            f"未变 {feed.unchanged_count}；在册对象 {result.entries} 条；"
            f"待复核 {result.reviews_pending} 项（/cases/caseload/）"
        )

    @staticmethod
    def _actor(username: str | None) -> User:
        """The named staff member, or the system actor when the operator names nobody."""
        if not username:
            return system_user()
        user = active_staff_get(username=username)
        if user is None:
            raise CommandError(f"账号不存在或已停用：{username}")
        return user
