"""``minzheng feed``: import a department's feed file from the command line.

    minzheng feed import FILE --department police --as-of 2026-10-31 [--column 姓名=name …]
                                [--merge] [--user USERNAME]
    minzheng feed merge IMPORT_ID
    minzheng feed retry IMPORT_ID     # a step whose worker died (ADR 0025), run here
    minzheng feed list                # with the progress of running steps, stalled ones marked

The same services as the web pages: the file is stored, checked row by row, linked to the
registry and staged in one transaction; ``--merge`` then merges the rows that linked without
doubt. Uncertain links wait in the review queue of the web app. Output is counts only.
"""

import datetime as dt
import sys
import uuid
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from minzheng.accounts.models import User
from minzheng.accounts.selectors import active_staff_get
from minzheng.core.commands import command_refusal
from minzheng.core.exceptions import ApplicationError
from minzheng.integration.enums import Department, ImportStatus
from minzheng.integration.models import FeedImport
from minzheng.integration.selectors.imports import feed_import_invalid_rows, feed_import_progress
from minzheng.integration.services.feed_imports import (
    column_mapping_suggest,
    feed_import_columns_set,
    feed_import_discard,
    feed_import_upload,
)
from minzheng.integration.services.feed_merge import feed_import_merge, feed_import_merge_start
from minzheng.integration.services.feed_prepare import feed_import_prepare
from minzheng.integration.services.feed_retry import feed_import_retry

SHOWN_ROWS = 20  # row problems printed; the import page lists them all


class Command(BaseCommand):
    help = "导入部门数据文件 (import a department feed: stage, link, merge)"

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        load = commands.add_parser("import", help="导入一个 CSV 或 XLSX 文件")
        load.add_argument("file", type=Path)
        load.add_argument("--department", required=True, choices=Department.values)
        load.add_argument("--as-of", required=True, help="数据截止日期 YYYY-MM-DD")
        load.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="FIELD=HEADER",
            help="列对应关系，如 id_number=公民身份号码；未给出的沿用该部门上次的设置",
        )
        load.add_argument("--merge", action="store_true", help="匹配完成后直接入库")
        load.add_argument("--user", help="以该账号的身份与辖区导入（默认：系统，全部辖区）")
        merge = commands.add_parser("merge", help="将已匹配的导入入库")
        merge.add_argument("import_id")
        retry = commands.add_parser(
            "retry", help="重新开始已停滞的校验匹配或入库（在本进程中运行）"
        )
        retry.add_argument("import_id")
        commands.add_parser("list", help="最近的导入及进度")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "import":
                self._import(options)
            elif options["action"] == "merge":
                self._merge(self._find(options["import_id"]))
            elif options["action"] == "retry":
                self._retry(self._find(options["import_id"]))
            else:
                self._list()
        except ApplicationError as error:
            raise command_refusal(error) from None

    def _import(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"无法读取文件 {path}：{error.strerror}") from None
        try:
            as_of = dt.date.fromisoformat(options["as_of"])
        except ValueError:
            raise CommandError("--as-of 应为 YYYY-MM-DD 格式的日期") from None
        actor = self._actor(options.get("user"))
        feed_import = feed_import_upload(
            actor=actor,
            department=options["department"],
            as_of=as_of,
            file_name=path.name,
            data=data,
        )
        columns = column_mapping_suggest(
            department=feed_import.department, header=feed_import.header
        )
        for pair in options["column"]:
            field, sep, header = pair.partition("=")
            if not sep:
                raise CommandError(f"--column 应写作 FIELD=HEADER：{pair}")
            columns[field.strip()] = header.strip()
        try:
            feed_import = feed_import_columns_set(
                actor=actor, feed_import=feed_import, columns=columns, run=False
            )
        except ApplicationError:
            # Nothing can be done with a file whose columns do not fit: do not keep it.
            feed_import_discard(actor=actor, feed_import=feed_import)
            raise
        with _Bar("校验与匹配") as bar:
            feed_import = feed_import_prepare(
                feed_import_id=feed_import.id, attempt=feed_import.attempt, progress=bar.step
            )
        self._summary(feed_import)
        if options["merge"]:
            self._merge(feed_import, actor=actor)

    @staticmethod
    def _find(import_id: str) -> FeedImport:
        try:
            feed_import = FeedImport.objects.filter(id=uuid.UUID(import_id)).first()
        except ValueError:
            feed_import = None
        if feed_import is None:
            raise CommandError(f"找不到该导入：{import_id}")
        return feed_import

    def _merge(self, feed_import: FeedImport, *, actor: User | None = None) -> None:
        started = feed_import_merge_start(actor=actor, feed_import=feed_import, run=False)
        self._run_merge(started)

    def _run_merge(self, feed_import: FeedImport) -> None:
        with _Bar("入库") as bar:
            counts = feed_import_merge(
                feed_import_id=feed_import.id, attempt=feed_import.attempt, progress=bar.step
            )
        if counts is None:
            raise CommandError("该导入已由另一次处理接手，本次未写入任何数据。")
        self.stdout.write(
            f"入库完成：新增 {counts.created}，变更 {counts.changed}，未变 {counts.unchanged}"
        )

    def _retry(self, feed_import: FeedImport) -> None:
        """The stalled step again, in this process: no worker is needed for it."""
        retried = feed_import_retry(actor=None, feed_import=feed_import, run=False)
        self.stdout.write(f"重新开始：{retried.get_status_display()}（第 {retried.attempt} 次）")
        if retried.status == ImportStatus.MERGING:
            self._run_merge(retried)
            return
        with _Bar("校验与匹配") as bar:
            staged = feed_import_prepare(
                feed_import_id=retried.id, attempt=retried.attempt, progress=bar.step
            )
        self._summary(staged)

    def _summary(self, feed_import: FeedImport) -> None:
        self.stdout.write(
            f"导入 {feed_import.id}：{feed_import.row_count} 行，有误 {feed_import.invalid_count}，"
            f"已匹配 {feed_import.matched_count}，待审核 {feed_import.review_count}，"
            f"未匹配 {feed_import.unmatched_count}"
        )
        invalid = feed_import_invalid_rows(feed_import=feed_import)
        for row in invalid[:SHOWN_ROWS]:
            problems = "；".join(p["message"] for p in row.errors if p.get("blocking"))
            self.stdout.write(f"  第 {row.row_number} 行：{problems}")
        if feed_import.invalid_count > SHOWN_ROWS:
            self.stdout.write(f"  …其余有误的行见网页：/integration/imports/{feed_import.id}/")

    def _list(self) -> None:
        for item in FeedImport.objects.order_by("-created_at")[:20]:
            line = (
                f"{item.id}  {item.get_department_display()}  {item.as_of}  "
                f"{item.get_status_display()}  {item.row_count} 行"
            )
            progress = feed_import_progress(feed_import=item)
            if progress is not None:
                line += f"  {progress.percent}% {progress.label}"
                if progress.stalled:
                    line += f"  已停滞，可重试：minzheng feed retry {item.id}"
            self.stdout.write(line)

    @staticmethod
    def _actor(username: str | None) -> User | None:
        if not username:
            return None
        user = active_staff_get(username=username)
        if user is None:
            raise CommandError(f"账号不存在或已停用：{username}")
        return user


class _Bar:
    """A percent bar on stderr fed by a service's (percent, step) reports."""

    def __init__(self, label: str) -> None:
        self._bar = tqdm(total=100, desc=label, file=sys.stderr, unit="%", leave=True)

    def __enter__(self) -> "_Bar":
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.close()

    def step(self, percent: int, label: str) -> None:
        self._bar.set_postfix_str(label)
        self._bar.update(max(0, percent - self._bar.n))
