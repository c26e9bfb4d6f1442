"""Print the demo county's staff logins (synthetic accounts only)."""

from typing import Any

from django.core.management.base import BaseCommand

from minzheng.accounts.enums import Role
from minzheng.accounts.models import User
from minzheng.demo.services import DEMO_PASSWORD


class Command(BaseCommand):
    help = "列出演示县的工作人员账号 (List the demo county's staff logins)."

    def handle(self, *args: Any, **options: Any) -> None:
        users = User.objects.filter(is_synthetic=True).select_related("jurisdiction")
        users = users.order_by("role", "username")
        if not users:
            self.stdout.write("尚未生成演示数据：运行 minzheng seed --persons 50000")
            return
        self.stdout.write(f"演示账号 (demo logins) — 密码 (password): {DEMO_PASSWORD}")
        for user in users:
            role = Role(user.role).label if user.role else "-"
            place = user.jurisdiction.name if user.jurisdiction else "-"
            self.stdout.write(f"  {user.username:<28} {role:<12} {place}")
