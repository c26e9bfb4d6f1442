from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "minzheng.monitoring"
    label = "monitoring"
    verbose_name = _("预警监测")

    def ready(self) -> None:
        from minzheng.monitoring import audit_targets

        audit_targets.register()
        from minzheng.monitoring.selectors import arrears_counts, emergency_counts
        from minzheng.profiling.signals import signal_source_register

        signal_source_register("emergencies", emergency_counts)
        signal_source_register("arrears", arrears_counts)
