from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilingConfig(AppConfig):
    name = "minzheng.profiling"
    label = "profiling"
    verbose_name = _("精准画像")
