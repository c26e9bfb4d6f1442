from django.urls import path

from minzheng.eligibility import views

app_name = "eligibility"
urlpatterns = [
    path("whatif/", views.whatif_start_view, name="whatif_start"),
    path("whatif/<uuid:whatif_id>/", views.whatif_detail_view, name="whatif_detail"),
    path("whatif/<uuid:whatif_id>/export.xlsx", views.whatif_export_view, name="whatif_export"),
    path("parameters/", views.parameter_list_view, name="parameter_list"),
    path("parameters/confirm/", views.parameter_confirm_view, name="parameter_confirm"),
    path(
        "parameters/proposals/<uuid:proposal_id>/",
        views.parameter_proposal_view,
        name="parameter_proposal",
    ),
]
