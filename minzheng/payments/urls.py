"""Staff pages of 资金发放, under /payments/."""

from django.urls import path

from minzheng.payments import views

app_name = "payments"
urlpatterns = [
    path("", views.batch_list_view, name="batch_list"),
    path("batches/<uuid:batch_id>/", views.batch_detail_view, name="batch_detail"),
    path("batches/<uuid:batch_id>/check/", views.batch_check_view, name="batch_check"),
    path("batches/<uuid:batch_id>/approve/", views.batch_approve_view, name="batch_approve"),
    path("batches/<uuid:batch_id>/export/", views.batch_export_view, name="batch_export"),
    path("batches/<uuid:batch_id>/reconcile/", views.batch_reconcile_view, name="batch_reconcile"),
    path("failures/", views.failure_list_view, name="failures"),
    path("accounts/from-roll/", views.accounts_from_roll_view, name="accounts_from_roll"),
    path("households/<uuid:household_id>/", views.household_view, name="household"),
    path("households/<uuid:household_id>/account/", views.account_view, name="account"),
    path(
        "households/<uuid:household_id>/recoveries/<uuid:recovery_id>/",
        views.recovery_settle_view,
        name="recovery_settle",
    ),
    path("funds/", views.funds_view, name="funds"),
    path("funds.xlsx", views.funds_export_view, name="funds_export"),
    path("settings/", views.settings_view, name="settings"),
]
