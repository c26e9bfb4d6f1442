"""Issue an API bearer token for a staff user; the clear text is shown once."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from minzheng.accounts.models import User
from minzheng.accounts.services.tokens import api_token_issue
from minzheng.core.exceptions import ApplicationError


class Command(BaseCommand):
    help = "为工作人员签发接口令牌 (Issue an API token for a staff user)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="用途，例如 核对系统对接")
        parser.add_argument("--days", type=int, default=90, help="有效天数 (1-366)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"没有名为 {options['username']} 的有效账号。")
        try:
            token = api_token_issue(
                actor=None, user=user, name=options["name"], days=options["days"]
            )
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write(token)
