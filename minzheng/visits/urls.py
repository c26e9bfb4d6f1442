"""Staff pages of 探访 and 微心愿, under /visits/."""

from django.urls import path

from minzheng.visits import views, views_wishes

app_name = "visits"
urlpatterns = [
    path("", views.visit_due_list_view, name="due_list"),
    path("households/<uuid:household_id>/new/", views.visit_new_view, name="visit_new"),
    path("wishes/", views_wishes.wish_list_view, name="wish_list"),
    path("wishes/<uuid:wish_id>/claim/", views_wishes.wish_claim_view, name="wish_claim"),
    path(
        "households/<uuid:household_id>/visits/",
        views_wishes.household_visits_view,
        name="household_visits",
    ),
    path(
        "households/<uuid:household_id>/wishes/",
        views_wishes.household_wishes_view,
        name="household_wishes",
    ),
    path("cadence/", views.cadence_view, name="cadence"),
]
