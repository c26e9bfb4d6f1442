from django.urls import include, path

from config.api import api

urlpatterns = [
    path("", include("minzheng.core.urls")),
    path("accounts/", include("minzheng.accounts.urls")),
    path("registry/", include("minzheng.registry.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
