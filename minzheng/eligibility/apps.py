from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EligibilityConfig(AppConfig):
    name = "minzheng.eligibility"
    label = "eligibility"
    verbose_name = _("救助政策与测算")

    def ready(self) -> None:
        from minzheng.eligibility import audit_targets

        audit_targets.register()
