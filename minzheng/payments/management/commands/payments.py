"""``minzheng payments``: a month's batch through its steps, for a county's scheduled jobs.

    minzheng payments prepare --month 2027-01 [--township 330482001000] --user NAME
    minzheng payments check FF202701-01 --agree|--return --note "…" --user NAME
    minzheng payments approve FF202701-01 --agree|--return --note "…" --user NAME
    minzheng payments export FF202701-01 --bank fixed_gbk --out FILE --user NAME
    minzheng payments reconcile FF202701-01 RETURN_FILE --user NAME
    minzheng payments accounts-from-roll --user NAME

Each step runs as the named user with the same checks as the pages: the three people rule,
the jurisdiction, the approval right. A refusal is printed in Chinese and exits non-zero.
"""

import uuid
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from minzheng.accounts.models import User
from minzheng.accounts.selectors import active_staff_get
from minzheng.core.commands import command_refusal
from minzheng.core.exceptions import ApplicationError
from minzheng.core.months import month_parse
from minzheng.payments.selectors import batch_id_by_number
from minzheng.payments.services.accounts import accounts_from_roll
from minzheng.payments.services.bank_files import batch_export, batch_reconcile
from minzheng.payments.services.batches import batch_approve, batch_check, batch_prepare


class Command(BaseCommand):
    help = "资金发放：制单、复核、审批、银行文件、回盘对账 (payment batches)"

    def add_arguments(self, parser: ArgumentParser) -> None:
        steps = parser.add_subparsers(dest="step", required=True)
        prepare = steps.add_parser("prepare", help="制单：生成某月的发放批次")
        prepare.add_argument("--month", required=True, help="发放月份 YYYY-MM")
        prepare.add_argument("--township", type=int, help="镇街区划代码（默认：全县）")
        for name, text in (("check", "复核"), ("approve", "审批")):
            step = steps.add_parser(name, help=f"{text}发放批次")
            step.add_argument("batch", help="批次号，如 FF202701-01")
            decision = step.add_mutually_exclusive_group(required=True)
            decision.add_argument("--agree", action="store_true", help="通过")
            decision.add_argument("--return", dest="send_back", action="store_true", help="退回")
            step.add_argument("--note", required=True, help="意见")
        export = steps.add_parser("export", help="生成银行代发文件")
        export.add_argument("batch")
        export.add_argument("--bank", required=True, help="银行文件格式，如 csv_utf8、fixed_gbk")
        export.add_argument("--out", required=True, type=Path, help="输出文件")
        reconcile = steps.add_parser("reconcile", help="导入银行回盘并对账")
        reconcile.add_argument("batch")
        reconcile.add_argument("return_file", type=Path, help="银行回盘文件")
        steps.add_parser("accounts-from-roll", help="从在册名册导入收款账户")
        for sub in steps.choices.values():
            sub.add_argument("--user", required=True, help="以该账号办理（记入审计）")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = active_staff_get(username=options["user"])
        if actor is None:
            raise CommandError(f"账号不存在或已停用：{options['user']}")
        try:
            getattr(self, f"_{options['step'].replace('-', '_')}")(actor, options)
        except ApplicationError as refused:
            raise command_refusal(refused) from None

    def _batch(self, number: str) -> uuid.UUID:
        batch_id = batch_id_by_number(number=number)
        if batch_id is None:
            raise CommandError(f"没有这个批次：{number}")
        return batch_id

    def _prepare(self, actor: User, options: dict[str, Any]) -> None:
        month = month_parse(options["month"])
        if month is None:
            raise CommandError("--month 应为 YYYY-MM 格式的月份")
        prepared = batch_prepare(actor=actor, month=month, division_code=options.get("township"))
        batch = prepared.batch
        self.stdout.write(
            f"已制单 {batch.number}（{batch.get_kind_display()}）：{batch.payee_count} 笔，"
            f"合计 {batch.total_amount} 元；缺少收款账户未纳入 {prepared.without_account} 户"
        )

    def _check(self, actor: User, options: dict[str, Any]) -> None:
        batch = batch_check(
            actor=actor,
            batch_id=self._batch(options["batch"]),
            agree=options["agree"],
            note=options["note"],
        )
        self.stdout.write(f"{batch.number}：{batch.get_status_display()}")

    def _approve(self, actor: User, options: dict[str, Any]) -> None:
        batch = batch_approve(
            actor=actor,
            batch_id=self._batch(options["batch"]),
            agree=options["agree"],
            note=options["note"],
        )
        self.stdout.write(f"{batch.number}：{batch.get_status_display()}")

    def _export(self, actor: User, options: dict[str, Any]) -> None:
        file = batch_export(
            actor=actor, batch_id=self._batch(options["batch"]), layout_code=options["bank"]
        )
        options["out"].write_bytes(file.content)
        self.stdout.write(f"已生成 {options['out']}（SHA-256 {file.sha256}）")

    def _reconcile(self, actor: User, options: dict[str, Any]) -> None:
        path: Path = options["return_file"]
        if not path.is_file():
            raise CommandError(f"找不到回盘文件：{path}")
        result = batch_reconcile(
            actor=actor, batch_id=self._batch(options["batch"]), content=path.read_bytes()
        )
        batch = result.batch
        self.stdout.write(
            f"{batch.number} 对账完成：成功 {batch.paid_count} 笔 {batch.paid_amount} 元，"
            f"失败 {batch.failed_count} 笔 {batch.failed_amount} 元"
        )

    def _accounts_from_roll(self, actor: User, options: dict[str, Any]) -> None:
        taken = accounts_from_roll(actor=actor)
        self.stdout.write(
            f"已从在册名册导入收款账户 {taken.created} 户；已有账户未改动 {taken.kept} 户；"
            f"户名或账号不符、需人工录入 {taken.refused} 户"
        )
