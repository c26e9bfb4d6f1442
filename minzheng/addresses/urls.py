from django.urls import path

from minzheng.addresses import views

app_name = "addresses"
urlpatterns = [
    path("worklist/", views.worklist_view, name="worklist"),
    path(
        "worklist/aliases/<uuid:alias_id>/search/",
        views.address_search_view,
        name="address_search",
    ),
    path(
        "worklist/aliases/<uuid:alias_id>/resolve/",
        views.alias_resolve_view,
        name="alias_resolve",
    ),
]
