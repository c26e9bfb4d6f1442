"""``minzheng bank_query --out FILE --user U``: the 核对 request file for the banks.

It lists the current members of households whose open application carries a 核对授权, as the
named user's jurisdiction holds them; the banks' answers come back through
``minzheng feed import FILE --department banks``. Output is counts only.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from minzheng.accounts.selectors import active_staff_get
from minzheng.cases.services.bank_query import bank_query_export
from minzheng.core.exceptions import ApplicationError, PermissionDenied


class Command(BaseCommand):
    help = "导出向银行查询存款、理财的核对请求文件 (the banks' 核对 query file)"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--out", type=Path, required=True, help="输出的 CSV 文件")
        parser.add_argument("--user", required=True, help="以该账号的身份与辖区导出")

    def handle(self, *args: Any, **options: Any) -> None:
        user = active_staff_get(username=options["user"])
        if user is None:
            raise CommandError(f"账号不存在或已停用：{options['user']}")
        try:
            query = bank_query_export(actor=user)
        except PermissionDenied:
            raise CommandError("该账号无权导出核对请求。") from None
        except ApplicationError as error:
            raise CommandError(str(error.message)) from None
        try:
            options["out"].write_bytes(query.data)
        except OSError as error:
            raise CommandError(f"无法写入 {options['out']}：{error.strerror}") from None
        self.stdout.write(f"查询批次 {query.batch}：{query.persons} 人，SHA-256 {query.sha256}")
