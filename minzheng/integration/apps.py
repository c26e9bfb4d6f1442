from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationConfig(AppConfig):
    name = "minzheng.integration"
    label = "integration"
    verbose_name = _("数据归集与核对")

    def ready(self) -> None:
        from minzheng.integration import audit_targets

        audit_targets.register()
