from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatementsConfig(AppConfig):
    name = "minzheng.statements"
    label = "statements"
    verbose_name = _("幸福清单")
