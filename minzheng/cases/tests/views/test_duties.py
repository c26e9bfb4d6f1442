"""The pages of separation of duties: the refusal on the application page, the 代办 field and
the timeline, and the county admin's /cases/duties/ page in Chinese."""

import re

import pytest
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.cases.enums import StepKind
from minzheng.cases.models import DutyRuleSetting
from minzheng.cases.tests.factories import application_at, item
from minzheng.cases.tests.helpers import nothing_written
from minzheng.core.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
PINGHU = 330482000000
HTMX = {"HX-Request": "true"}


def visible_text(html: str) -> str:
    """What a reader sees: the page without its tags and attributes."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def admin(make_staff):
    return make_staff(Role.COUNTY_ADMIN, PINGHU)


def test_the_taker_is_told_on_the_page_why_they_may_not_approve(county_worker, client_for):
    application = application_at(StepKind.COUNTY_APPROVAL, taken_by=county_worker)
    application.items.filter(item=item("dibao")).update(eligible=True, proposed_amount=525)
    client = client_for(county_worker)
    message = "您是该申请的受理人，按职责分离规定不能作县级审批，请由其他审批人办理。"

    page = client.get(reverse("cases:application_detail", args=[application.pk]))
    assert message in page.content.decode()

    with nothing_written(application):
        refused = client.post(
            reverse("cases:approve", args=[application.pk]),
            {"grant:dibao": "true", "reason": "同意"},
        )
    assert refused.status_code == 403
    assert message in refused.content.decode()
    # htmx swaps only 2xx: the fragment comes back 200 with the message in it.
    with nothing_written(application):
        fragment = client.post(
            reverse("cases:approve", args=[application.pk]),
            {"grant:dibao": "true", "reason": "同意"},
            headers=HTMX,
        )
    assert fragment.status_code == 200
    body = fragment.content.decode()
    assert body.lstrip().startswith('<section id="workflow"')
    assert message in body


def test_an_approval_without_an_opinion_names_the_field(county_worker, client_for):
    application = application_at(StepKind.COUNTY_APPROVAL)
    application.items.filter(item=item("dibao")).update(eligible=True, proposed_amount=525)

    with nothing_written(application):
        refused = client_for(county_worker).post(
            reverse("cases:approve", args=[application.pk]), {"grant:dibao": "true", "reason": ""}
        )

    assert refused.status_code == 400
    body = refused.content.decode()
    assert "审批意见不完整，未保存。" in body
    assert "请填写审批意见。" in body


def test_the_check_form_asks_for_a_reason_only_from_someone_else(
    village_worker, township_worker, client_for
):
    application = application_at(StepKind.CHECK)
    url = reverse("cases:application_detail", args=[application.pk])

    assert "on_behalf_reason" not in client_for(village_worker).get(url).content.decode()
    page = client_for(township_worker).get(url).content.decode()
    assert 'name="on_behalf_reason"' in page
    assert "本步骤由 松枫社区 办理，您代为办理" in visible_text(page)


def test_a_check_on_behalf_is_refused_without_a_reason_then_shown_on_the_timeline(
    township_worker, client_for
):
    application = application_at(StepKind.CHECK)
    client = client_for(township_worker)
    url = reverse("cases:check_confirm", args=[application.pk])

    with nothing_written(application):
        refused = client.post(url, {"on_behalf_reason": " "})
    assert refused.status_code == 400
    assert "代为办理须填写代办理由" in refused.content.decode()

    done = client.post(url, {"on_behalf_reason": "村社工作人员病假"}, headers=HTMX)
    assert done.status_code == 200
    page = client.get(reverse("cases:application_detail", args=[application.pk]))
    timeline = visible_text(page.content.decode())
    assert f"{township_worker} 代 松枫社区 办理，代办理由：村社工作人员病假" in timeline


def test_the_admin_page_speaks_chinese_and_a_switch_is_audited(admin, client_for):
    client = client_for(admin)
    url = reverse("cases:duty_rules")

    page = visible_text(client.get(url).content.decode())
    assert "县级审批人不得是该申请的受理人或镇街审核人" in page
    assert "核对、入户调查由本村(社区)工作人员办理，他人代办须写明理由" in page
    assert "《最低生活保障审核确认办法》(民发〔2021〕57号)" in page
    assert "本系统的内控假设" in page
    for key in ("approver_independent", "village_step_by_village", "written_opinion"):
        assert key not in page

    posted = client.post(
        url,
        {
            "name": "written_opinion",
            "region": "330482",
            "start": "2026-12-01",
            "value": "0",
            "reference": "平湖市民政局内控制度(测试)",
        },
    )
    assert posted.status_code == 302
    setting = DutyRuleSetting.objects.get()
    assert (setting.name, setting.value, setting.created_by) == ("written_opinion", 0, admin)
    assert AuditEvent.objects.filter(target_type="cases.duty_rule_setting").count() == 1
    added = visible_text(client.get(url).content.decode())
    assert "书面意见 平湖市 2026-12-01 0.00 平湖市民政局内控制度(测试)" in added
    assert "written_opinion" not in added


def test_the_admin_page_refuses_bad_input_in_chinese(admin, client_for):
    refused = client_for(admin).post(
        reverse("cases:duty_rules"),
        {"name": "written_opinion", "region": "330482", "start": "2026-12-01", "value": "是"},
    )

    assert refused.status_code == 400
    body = refused.content.decode()
    assert "取值应为数字。" in body
    assert "请填写依据。" in body
    assert DutyRuleSetting.objects.count() == 0


def test_a_caseworker_may_not_open_the_admin_page(county_worker, client_for):
    assert client_for(county_worker).get(reverse("cases:duty_rules")).status_code == 403
