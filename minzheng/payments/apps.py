from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "minzheng.payments"
    label = "payments"
    verbose_name = _("资金发放")

    def ready(self) -> None:
        from minzheng.payments import audit_targets

        audit_targets.register()
