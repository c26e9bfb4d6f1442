from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "minzheng.monitoring"
    label = "monitoring"
    verbose_name = _("预警监测")

    def ready(self) -> None:
        from minzheng.monitoring.selectors import emergency_counts
        from minzheng.profiling.emergencies import emergency_source_register

        emergency_source_register(emergency_counts)
