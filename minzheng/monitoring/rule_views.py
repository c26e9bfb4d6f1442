"""/monitoring/rules/: the warning rules in force per region; the county admin adds values."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.models import User
from minzheng.core.dated_settings_views import SettingsPage, dated_settings_page
from minzheng.monitoring.rule_settings import RULE_SETTINGS


@require_http_methods(["GET", "POST"])
@staff_page
def rules_view(request: HttpRequest, actor: User) -> HttpResponse:
    page = SettingsPage(
        title=_("预警规则"),
        intro=_(
            "各类事件的预警阈值（元，欠费为月数）和各颜色的办结期限（工作日）按行政区划、"
            "按生效日期取值。新的取值从其生效日期起用于研判，历史取值不能改写。"
        ),
        spec=RULE_SETTINGS,
        url_name="monitoring:rules",
    )
    return dated_settings_page(request, actor, page)
