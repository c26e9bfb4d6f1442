from django.urls import URLPattern, path

from minzheng.integration import views_review

urlpatterns: list[URLPattern] = [
    path("reviews/", views_review.review_queue_view, name="review_queue"),
    path(
        "reviews/<uuid:review_id>/decision/",
        views_review.review_decide_view,
        name="review_decide",
    ),
]
