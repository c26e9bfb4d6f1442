from django import forms
from django.utils.translation import gettext_lazy as _

from minzheng.eligibility.models import PARAMETER_CHOICES, REGION_CHOICES

ALL_REGIONS = ""


class WhatIfForm(forms.Form):
    name = forms.ChoiceField(label=_("参数"), choices=PARAMETER_CHOICES)
    value = forms.DecimalField(label=_("新取值"), min_value=0, max_digits=14, decimal_places=4)
    start = forms.DateField(label=_("生效日期"), required=False, help_text=_("留空表示所有日期"))
    region = forms.ChoiceField(
        label=_("行政区划"),
        choices=[(ALL_REGIONS, _("全部")), *REGION_CHOICES],
        required=False,
    )


class ParameterValueAddForm(forms.Form):
    name = forms.ChoiceField(label=_("参数"), choices=PARAMETER_CHOICES)
    region = forms.ChoiceField(label=_("行政区划"), choices=REGION_CHOICES)
    start = forms.DateField(label=_("生效日期"))
    value = forms.DecimalField(label=_("取值"), min_value=0, max_digits=14, decimal_places=4)
    label = forms.CharField(label=_("依据简称"), max_length=64)
    reference = forms.CharField(label=_("政策依据"), max_length=255)
