from typing import TYPE_CHECKING

from django import forms
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as StrPromise

from minzheng.eligibility.models import PARAMETER_CHOICES, REGION_CHOICES

ALL_REGIONS = ""


def _field_message(template: Promise, label: Promise) -> str:
    return str(template) % {"field": str(label)}


# Messages that name the field, translated when shown rather than when the form is defined.
_named = lazy(_field_message, str)


class DateInput(forms.DateInput):
    """The browser's date picker; the value travels as YYYY-MM-DD."""

    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _date_field(label: "StrPromise", **options: object) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DateInput(),
        error_messages={
            "required": _named(_("请填写%(field)s。"), label),
            "invalid": _named(_("%(field)s应为有效日期，例如 2025-01-01。"), label),
        },
        **options,  # type: ignore[arg-type]
    )


def _value_field(label: "StrPromise") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_digits=14,
        decimal_places=4,
        error_messages={
            "required": _named(_("请填写%(field)s。"), label),
            "invalid": _named(_("%(field)s应为数字。"), label),
            "min_value": _named(_("%(field)s应为不小于 0 的数字。"), label),
            "max_digits": _named(_("%(field)s位数过多。"), label),
            "max_decimal_places": _named(_("%(field)s最多保留 4 位小数。"), label),
        },
    )


class WhatIfForm(forms.Form):
    name = forms.ChoiceField(label=_("参数"), choices=PARAMETER_CHOICES)
    value = _value_field(_("新取值"))
    start = _date_field(_("生效日期"), required=False, help_text=_("留空表示所有日期"))
    region = forms.ChoiceField(
        label=_("行政区划"),
        choices=[(ALL_REGIONS, _("全部")), *REGION_CHOICES],
        required=False,
    )


class _CitationForm(forms.Form):
    label = forms.CharField(
        label=_("依据简称"), max_length=64, help_text=_("说明和决定书中取值后括注的简称")
    )
    document_title = forms.CharField(label=_("文件名称"), max_length=200)
    document_issuer = forms.CharField(label=_("发文机关"), max_length=100)
    document_date = _date_field(_("发文日期"))


class ParameterValueAddForm(_CitationForm):
    name = forms.ChoiceField(label=_("参数"), choices=PARAMETER_CHOICES)
    region = forms.ChoiceField(label=_("行政区划"), choices=REGION_CHOICES)
    start = _date_field(
        _("生效日期"), help_text=_("本月或以前的日期须经另一名县级管理员审批后生效")
    )
    value = _value_field(_("取值"))
    field_order = ("name", "region", "start", "value")


class ParameterConfirmForm(_CitationForm):
    name = forms.ChoiceField(choices=PARAMETER_CHOICES, widget=forms.HiddenInput)
    region = forms.ChoiceField(choices=REGION_CHOICES, widget=forms.HiddenInput)
    start = forms.DateField(widget=forms.HiddenInput)


class ProposalRejectForm(forms.Form):
    reason = forms.CharField(label=_("审批意见"), max_length=255, required=False)
