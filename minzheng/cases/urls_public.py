"""The public 公示 pages, under /gongshi/: no login."""

from django.urls import path

from minzheng.cases import views_public

app_name = "publicity"
urlpatterns = [
    path("<int:village_code>/", views_public.publicity_board_view, name="board"),
    path(
        "<int:village_code>/<uuid:application_id>/objection/",
        views_public.objection_lodge_view,
        name="objection_lodge",
    ),
]
