from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "minzheng.cases"
    label = "cases"
    verbose_name = _("救助申请")

    def ready(self) -> None:
        from minzheng.cases import audit_targets

        audit_targets.register()
        from minzheng.cases.household_signals import (
            exited_counts,
            in_register_counts,
            refused_counts,
        )
        from minzheng.cases.selectors.declarations import household_declarations_for_report
        from minzheng.integration.declarations import declaration_source_register
        from minzheng.profiling.signals import signal_source_register

        signal_source_register("in_register", in_register_counts)
        signal_source_register("exited", exited_counts)
        signal_source_register("refused", refused_counts)
        declaration_source_register(household_declarations_for_report)

        from minzheng.cases.services.caseload import caseload_merged
        from minzheng.integration.signals import feed_import_merged

        feed_import_merged.connect(caseload_merged, dispatch_uid="cases.caseload_merged")
