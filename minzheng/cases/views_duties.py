"""/cases/duties/: the separation-of-duties rules in force per region; the county admin switches
one off or on from a date."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from minzheng.accounts.decorators import staff_page
from minzheng.accounts.models import User
from minzheng.cases.duties import DUTY_RULES, DUTY_SETTINGS
from minzheng.core.dated_settings_views import SettingsPage, dated_settings_page


@require_http_methods(["GET", "POST"])
@staff_page
def duty_rules_view(request: HttpRequest, actor: User) -> HttpResponse:
    references = " ".join(
        _("“%(label)s”：%(reference)s") % {"label": rule.label, "reference": rule.reference}
        for rule in DUTY_RULES.values()
    )
    page = SettingsPage(
        title=_("职责分离"),
        intro=_(
            "一件事办理中的职责分离规则按行政区划、按生效日期取值：1 为启用，0 为停用。"
            "内置均为启用。新的取值从其生效日期起用于办理，历史取值不能改写。依据：%(references)s"
        )
        % {"references": references},
        spec=DUTY_SETTINGS,
        url_name="cases:duty_rules",
    )
    return dated_settings_page(request, actor, page)
