"""A refused form shows each message beside its field, in Chinese, and keeps what was typed.

Issue 13: staff saw "dict_items([('consent_signed_by', …)])" where a message belonged, a
filled amount reported as missing, and typed text wiped after an error.
"""

import re

import pytest
from django.urls import reverse

from minzheng.cases.enums import StepKind
from minzheng.cases.models import Application, ApplicationItem
from minzheng.cases.tests.factories import application_at, item, poor_home
from minzheng.cases.tests.helpers import nothing_written

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def field_with_error(page: str, name: str) -> str:
    """The ``<label>`` holding the input ``name``: what the user sees beside the field."""
    labels = re.findall(r"<label[^>]*>.*?</label>", page, flags=re.S)
    return next(label for label in labels if f'name="{name}"' in label)


def test_intake_without_a_signer_names_the_field_and_keeps_the_rest(village_worker, client_for):
    home = poor_home()

    with nothing_written():
        response = client_for(village_worker).post(
            reverse("cases:application_new"),
            {
                "household": home.pk,
                "items": ["dibao"],
                "channel": "window",
                "has_consent": "on",
                "consent_date": "2026-11-20",
                "consent_signed_by": "",
                "consent_document": "HD-7",
                "as_of": "2026-11-20",
            },
        )

    page = response.content.decode()
    assert response.status_code == 400
    assert "dict_items" not in page
    assert "请填写授权书签字人。" in field_with_error(page, "consent_signed_by")
    assert 'name="consent_document" value="HD-7"' in page
    assert 'name="consent_date" value="2026-11-20"' in page
    assert Application.objects.count() == 0


def test_an_investigation_refused_keeps_the_typed_text_and_choices(village_worker, client_for):
    application = application_at(StepKind.INVESTIGATION)

    with nothing_written(application):
        response = client_for(village_worker).post(
            reverse("cases:investigation", args=[application.pk]),
            {
                "visited_on": "",
                "present": "张秀英、其子",
                "living_conditions": "住房漏雨，靠低保生活",
                "composition_confirmed": "true",
                "facts_confirmed": "false",
                "notes": "下周再访",
            },
        )

    page = response.content.decode()
    assert response.status_code == 400
    assert "dict_items" not in page
    assert "请填写入户日期。" in field_with_error(page, "visited_on")
    assert 'value="张秀英、其子"' in page
    assert "住房漏雨，靠低保生活</textarea>" in page
    assert "下周再访</textarea>" in page
    assert re.search(r'name="facts_confirmed">.*?<option value="false" selected>', page, flags=re.S)


def test_an_item_proposal_with_a_written_amount_is_not_called_missing(village_worker, client_for):
    application = application_at(StepKind.INVESTIGATION, items=("dibao", "temporary"))

    with nothing_written(application):
        response = client_for(village_worker).post(
            reverse("cases:item_propose", args=[application.pk]),
            {"item": "temporary", "eligible": "true", "amount": "1,500", "note": ""},
        )

    page = response.content.decode()
    assert response.status_code == 400
    assert "dict_items" not in page
    assert "请填写拟发放的临时救助金额" not in page
    assert "请写明提出或不提出的理由。" in field_with_error(page, "note")
    assert re.search(r'name="amount"[^>]*value="1,500"', page)
    assert '<option value="temporary" selected>' in page


def test_an_unreadable_amount_is_called_unreadable_beside_the_field(village_worker, client_for):
    application = application_at(StepKind.INVESTIGATION, items=("dibao", "temporary"))

    response = client_for(village_worker).post(
        reverse("cases:item_propose", args=[application.pk]),
        {"item": "temporary", "eligible": "true", "amount": "一千", "note": "因病致困"},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "金额须为大于 0 的数字(元)。" in field_with_error(page, "amount")
    assert "因病致困</textarea>" in page


def test_an_error_of_one_form_is_not_shown_under_another(village_worker, client_for):
    application = application_at(StepKind.INVESTIGATION, items=("dibao", "temporary"))

    response = client_for(village_worker).post(
        reverse("cases:item_propose", args=[application.pk]),
        {"item": "temporary", "eligible": "true", "amount": "", "note": "因病致困"},
    )

    page = response.content.decode()
    assert page.count("请填写拟发放的临时救助金额。") == 1
    assert "请填写拟发放的临时救助金额。" in field_with_error(page, "amount")


def test_the_list_names_the_requested_items_without_a_dangling_mark(village_worker, client_for):
    """Issue 13: an item the rules added after the requested ones left "最低生活保障、"."""
    application = application_at(StepKind.INVESTIGATION, items=("dibao",))
    ApplicationItem.objects.create(application=application, item=item("temporary"), requested=False)

    page = client_for(village_worker).get(reverse("cases:application_list")).content.decode()

    cell = re.search(r'data-label="申请事项">([^<]*)</td>', page).group(1)
    assert cell == "最低生活保障"
