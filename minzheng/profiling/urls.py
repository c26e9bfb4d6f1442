from django.urls import path

from minzheng.profiling import views

app_name = "profiling"
urlpatterns = [
    path("households/<uuid:household_id>/", views.household_profile_view, name="household"),
    path("model/", views.model_view, name="model"),
]
