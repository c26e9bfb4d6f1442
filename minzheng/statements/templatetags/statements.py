"""Money as the statement prints it: ¥1,234.50."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def yuan(value: Decimal | int | None) -> str:
    if value is None:
        return "—"
    return f"¥{Decimal(value):,.2f}"
