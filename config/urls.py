from django.urls import include, path

from config.api import api
from minzheng.accounts.urls import workbench_urlpatterns

urlpatterns = [
    path("", include((workbench_urlpatterns, "workbench"))),
    path("", include("minzheng.core.urls")),
    path("accounts/", include("minzheng.accounts.urls")),
    path("registry/", include("minzheng.registry.urls")),
    path("addresses/", include("minzheng.addresses.urls")),
    path("integration/", include("minzheng.integration.urls")),
    path("cases/", include("minzheng.cases.urls")),
    path("payments/", include("minzheng.payments.urls")),
    path("monitoring/", include("minzheng.monitoring.urls")),
    path("gongshi/", include("minzheng.cases.urls_public")),
    path("statements/", include("minzheng.statements.urls")),
    path("my/", include("minzheng.statements.urls_citizen")),
    path("workdays/", include("minzheng.workdays.urls")),
    path("eligibility/", include("minzheng.eligibility.urls")),
    path("visits/", include("minzheng.visits.urls")),
    path("profiling/", include("minzheng.profiling.urls")),
    path("dashboard/", include("minzheng.dashboard.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
