from django.urls import path

from minzheng.registry import views

app_name = "registry"
urlpatterns = [
    path("households/", views.household_search_view, name="household_search"),
    path("households/<uuid:household_id>/", views.household_detail_view, name="household_detail"),
    path("persons/import/", views.person_import_view, name="person_import"),
    path("persons/<uuid:person_id>/edit/", views.person_edit_view, name="person_edit"),
    path("persons/<uuid:person_id>/reveal/", views.person_reveal_view, name="person_reveal"),
]
