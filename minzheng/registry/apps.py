from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "minzheng.registry"
    label = "registry"
    verbose_name = _("户籍与人员")

    def ready(self) -> None:
        from minzheng.registry import audit_targets

        audit_targets.register()
