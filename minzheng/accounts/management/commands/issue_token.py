"""Issue an API bearer token for a staff user; the clear text is shown once."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from minzheng.accounts.enums import ApiScope
from minzheng.accounts.models import User
from minzheng.accounts.services.tokens import api_token_issue, usable_read_scopes
from minzheng.accounts.system import system_user
from minzheng.core.exceptions import ApplicationError


def _expanded(user: User, scopes: list[str]) -> set[str]:
    """``read`` stands for every read scope the user may use; the rest are taken as given."""
    chosen = {scope.strip() for scope in scopes if scope.strip() != "read"}
    return chosen | (usable_read_scopes(user) if "read" in scopes else set())


class Command(BaseCommand):
    help = "为工作人员签发接口令牌 (Issue an API token for a staff user)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="用途，例如 核对系统对接")
        parser.add_argument("--days", type=int, default=90, help="有效天数 (1-366)")
        parser.add_argument(
            "--scope",
            action="append",
            dest="scopes",
            default=[],
            metavar="SCOPE",
            help="权限范围，可重复；read 表示全部只读范围。可选："
            + "、".join(["read", *ApiScope.values]),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"没有名为 {options['username']} 的有效账号。")
        try:
            token = api_token_issue(
                actor=system_user(),
                user=user,
                name=options["name"],
                scopes=_expanded(user, options["scopes"]),
                days=options["days"],
            )
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write(token)
