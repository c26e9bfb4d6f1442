"""Staff pages of 救助申请, under /cases/."""

from django.urls import path

from minzheng.cases import (
    views_applications,
    views_bank_query,
    views_caseload,
    views_catalogue,
    views_decision,
    views_duties,
    views_household,
    views_reviews,
    views_steps,
)

app_name = "cases"
urlpatterns = [
    path("", views_applications.application_list_view, name="application_list"),
    path("new/", views_applications.application_new_view, name="application_new"),
    path("reviews/", views_reviews.review_list_view, name="review_list"),
    path(
        "households/<uuid:household_id>/",
        views_household.household_applications_view,
        name="household_applications",
    ),
    path("catalogue/", views_catalogue.catalogue_view, name="catalogue"),
    path("duties/", views_duties.duty_rules_view, name="duty_rules"),
    path("remedies/", views_decision.remedies_view, name="remedies"),
    path("bank-query/", views_bank_query.bank_query_download_view, name="bank_query"),
    path("caseload/", views_caseload.caseload_worklist_view, name="caseload_worklist"),
    path(
        "caseload/<uuid:review_id>/resolve/",
        views_caseload.caseload_resolve_view,
        name="caseload_resolve",
    ),
    path(
        "reviews/<uuid:review_id>/decide/", views_reviews.review_decide_view, name="review_decide"
    ),
    path(
        "<uuid:application_id>/",
        views_applications.application_detail_view,
        name="application_detail",
    ),
    path("<uuid:application_id>/check/", views_steps.check_confirm_view, name="check_confirm"),
    path("<uuid:application_id>/items/", views_steps.item_propose_view, name="item_propose"),
    path(
        "<uuid:application_id>/investigation/",
        views_steps.investigation_view,
        name="investigation",
    ),
    path("<uuid:application_id>/review/", views_steps.township_review_view, name="township_review"),
    path(
        "<uuid:application_id>/publicity/complete/",
        views_steps.publicity_complete_view,
        name="publicity_complete",
    ),
    path("<uuid:application_id>/approve/", views_steps.approve_view, name="approve"),
    path("<uuid:application_id>/grant-first/", views_steps.grant_first_view, name="grant_first"),
    path("<uuid:application_id>/refuse/", views_steps.refuse_view, name="refuse"),
    path(
        "<uuid:application_id>/decision.pdf",
        views_decision.decision_pdf_view,
        name="decision_pdf",
    ),
    path(
        "objections/<uuid:objection_id>/resolve/",
        views_steps.objection_resolve_view,
        name="objection_resolve",
    ),
]
