"""The catalogue is data: officers add, rename, reorder or retire items in the admin."""

from django.contrib import admin

from minzheng.cases.models import AssistanceItem


@admin.register(AssistanceItem)
class AssistanceItemAdmin(admin.ModelAdmin[AssistanceItem]):
    list_display = (
        "display_order",
        "code",
        "name",
        "kind",
        "department",
        "programme",
        "needs_publicity",
        "is_active",
    )
    list_display_links = ("code", "name")
    list_editable = ("display_order", "needs_publicity", "is_active")
    list_filter = ("kind", "department", "is_active")
    ordering = ("display_order", "code")
