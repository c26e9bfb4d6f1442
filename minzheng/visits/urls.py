"""Staff pages of 探访 and 微心愿, under /visits/."""

from django.urls import path

from minzheng.visits import views

app_name = "visits"
urlpatterns = [
    path("", views.visit_due_list_view, name="due_list"),
    path("households/<uuid:household_id>/new/", views.visit_new_view, name="visit_new"),
    path("wishes/", views.wish_list_view, name="wish_list"),
    path("cadence/", views.cadence_view, name="cadence"),
]
