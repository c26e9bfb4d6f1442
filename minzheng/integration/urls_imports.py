from django.urls import path

from minzheng.integration import views_imports as views

urlpatterns = [
    path("imports/", views.import_list_view, name="import_list"),
    path("imports/<uuid:feed_import_id>/", views.import_detail_view, name="import_detail"),
    path(
        "imports/<uuid:feed_import_id>/preview/", views.import_preview_view, name="import_preview"
    ),
    path(
        "imports/<uuid:feed_import_id>/columns/", views.import_columns_view, name="import_columns"
    ),
    path("imports/<uuid:feed_import_id>/merge/", views.import_merge_view, name="import_merge"),
    path("imports/<uuid:feed_import_id>/retry/", views.import_retry_view, name="import_retry"),
    path(
        "imports/<uuid:feed_import_id>/discard/", views.import_discard_view, name="import_discard"
    ),
]
