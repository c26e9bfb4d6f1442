from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "minzheng.visits"
    label = "visits"
    verbose_name = _("探访")

    def ready(self) -> None:
        from minzheng.visits import audit_targets

        audit_targets.register()
