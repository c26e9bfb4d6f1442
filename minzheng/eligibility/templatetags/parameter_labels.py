"""``{{ change.name|parameter_label }}``: pages name a parameter in words, not by its key."""

from django import template

from minzheng.eligibility.enums import parameter_label as label_of
from minzheng.eligibility.rules.regions import REGIONS

register = template.Library()


@register.filter
def parameter_label(name: str) -> str:
    return label_of(name)


@register.filter
def region_name(code: str | None) -> str:
    return REGIONS.get(code or "", code or "")
