"""The 决定通知书 read as the family reads it: the HTML printed and the PDF's own text.

Four notices: a monthly 低保, a one-off 临时救助 that needed no 公示, a 低保 lowered with a
reason, and a refusal. Each test asserts the sentences the family must read and the ones it
must not (a step that did not happen, 每月 on a one-off grant, a parameter key, "模型").
"""

import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from weasyprint.formatting_structure import boxes

from minzheng.accounts.enums import Role
from minzheng.cases.enums import StepKind
from minzheng.cases.models import RemedyBodySetting
from minzheng.cases.remedies import REMEDY_SETTINGS, RemedyBodies, remedy_bodies
from minzheng.cases.selectors.decision import decision_notice
from minzheng.cases.services.approval import ItemDecision, application_approve, application_refuse
from minzheng.cases.services.grant_first import temporary_grant_first, township_reserve_set
from minzheng.cases.services.proposal import application_item_propose
from minzheng.cases.services.publicity import publicity_complete
from minzheng.cases.tests.conftest import DANGHU
from minzheng.cases.tests.factories import POOR_CASE, POOR_SOURCES, application_at
from minzheng.cases.tests.helpers import approve_review, confirm_check, record_visit, to_publicity
from minzheng.core.dated_settings import setting_add
from minzheng.core.models import AuditEvent
from minzheng.core.pdf import render_document

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

# Nothing the family reads may look like this: parameter keys, rule codes, the model's words.
KEY = re.compile(r"[a-z_]+\.[a-z_.]+|[a-z]+_[a-z_]+")
FORBIDDEN = ("模型", "MODEL", "同湖州市", "默认值", "占位值", "seed")
LINKED = ("medical", "education", "housing", "electricity_waiver", "cable_tv_waiver")


def _flat(text: str) -> str:
    """Without whitespace: a PDF breaks lines anywhere in a Chinese sentence."""
    return re.sub(r"\s+", "", text)


def said(sentence: str, text: str) -> bool:
    return _flat(sentence) in text


def _pdf_text(notice) -> str:
    document = render_document("cases/decision/print.html", {"notice": notice})
    return _flat(
        "".join(
            box.text
            for page in document.pages
            for box in page._page_box.descendants()
            if isinstance(box, boxes.TextBox)
        )
    )


def _texts(application) -> tuple[str, str]:
    """The notice's printed HTML (tags stripped) and its PDF's text."""
    notice = decision_notice(application=application)
    html = render_to_string("cases/decision/print.html", {"notice": notice})
    body = html.split("<body>", 1)[1]  # the page's title and styles are not read by anyone
    return _flat(re.sub(r"<[^>]+>", " ", body)), _pdf_text(notice)


def _decision(text: str) -> str:
    """The decision itself, before the table of checked facts (whose labels say 每月赡养费)."""
    return text.split("核对认定的家庭情况", 1)[0]


def _never_shows_keys_or_the_model(text: str) -> None:
    assert KEY.findall(text) == []
    for word in FORBIDDEN:
        assert not said(word, text)


@pytest.fixture
def to_county(village_worker, township_worker, frozen):
    """A 低保 application through 公示 to 县级审批."""

    def at_approval():
        application = to_publicity(application_at(), village_worker, township_worker)
        frozen.move_to("2026-11-27 09:00 +0800")
        publicity_complete(actor=township_worker, application_id=application.pk)
        return application

    return at_approval


def _decide(application, county_worker, **dibao):
    application_approve(
        actor=county_worker,
        application_id=application.pk,
        reason="经审核，同意。",
        decisions={
            **{code: ItemDecision(grant=True) for code in LINKED},
            "dibao": ItemDecision(grant=True, **dibao),
        },
    )
    application.refresh_from_db()
    return application


def test_an_approved_dibao_states_the_monthly_amount_and_its_start(to_county, county_worker):
    application = _decide(to_county(), county_worker)

    for text in _texts(application):
        assert said(
            "本机关受理后，经家庭经济状况核对、入户调查、镇(街道)审核和在村(社区)公示，"
            "于2026年11月27日作出如下决定",
            text,
        )
        assert said("最低生活保障 批准，每月 525.00 元", text)
        assert said("以上按月发放的救助金每月合计 525.00 元，自2026年12月起按月发放。", text)
        assert said("医疗救助 予以转介，由医疗保障部门按规定办理", text)
        assert said("电费减免 予以减免，由供电企业按规定办理", text)
        # The standard is stated with the source the county confirmed: in the demo county,
        # 演示数据, never a parameter key or the model's own assumption.
        assert said("家庭人均收入 620.00 元 低于 低保标准 1145 元（演示数据）", text)
        assert said("《最低生活保障审核确认办法》(民发〔2021〕57号)", text)
        assert said("家庭人口、收入或财产状况发生变化的，应当及时告知", text)
        assert not said("一次性", text)
        assert not said("行政复议", text)  # everything asked for was granted in full
        _never_shows_keys_or_the_model(text)


def test_a_huzhou_standard_is_cited_by_its_label(to_county, county_worker):
    application = to_county()
    application.case = {**application.case, "region": "330500"}
    application.save(update_fields=["case"])
    application.rules_result = {
        **application.rules_result,
        "parameter_sources": {
            **application.rules_result["parameter_sources"],
            "dibao.standard": "湖州市 2024 年标准",
        },
    }
    application.save(update_fields=["rules_result"])
    _decide(application, county_worker)

    html, pdf = _texts(application)

    assert said("低保标准 1145 元（湖州市 2024 年标准）", pdf)
    assert said("低保标准 1145 元（湖州市 2024 年标准）", html)


def test_a_one_off_grant_without_publicity_says_once_and_never_monthly(
    village_worker, township_worker, county_worker
):
    # Income above the 低保 edge line: the rules propose nothing, only the 临时救助 is asked for.
    case = {**POOR_CASE, "members": [{**POOR_CASE["members"][0], "monthly_income": 2500.0}]}
    application = application_at(
        StepKind.CHECK, items=("temporary",), prefill={"case": case, "sources": POOR_SOURCES}
    )
    confirm_check(application, village_worker)
    application_item_propose(
        actor=village_worker,
        application_id=application.pk,
        item_code="temporary",
        eligible=True,
        amount=Decimal("1500"),
        note="申请人突发重病住院，自付医疗费用较大，基本生活暂时出现严重困难。",
    )
    record_visit(application, village_worker)
    approve_review(application, township_worker)
    application.refresh_from_db()
    assert application.current_step == StepKind.COUNTY_APPROVAL  # no 公示 for a 临时救助
    application_approve(
        actor=county_worker,
        application_id=application.pk,
        reason="经审核，同意。",
        decisions={"temporary": ItemDecision(grant=True)},
    )
    application.refresh_from_db()

    for text in _texts(application):
        assert said(
            "经家庭经济状况核对、入户调查和镇(街道)审核，于2026年11月20日作出如下决定", text
        )
        assert said("临时救助 批准，一次性发放 1500.00 元", text)
        assert said("申请人突发重病住院", text)
        assert said("《社会救助暂行办法》第四十七条(临时救助)", text)
        for absent in ("公示", "应当及时告知", "行政复议"):
            assert not said(absent, text)
        for absent in ("每月", "按月"):
            assert not said(absent, _decision(text))
        _never_shows_keys_or_the_model(text)


def test_a_lowered_amount_gives_the_reason_and_the_configured_remedies(
    to_county, county_worker, make_staff
):
    setting_add(
        REMEDY_SETTINGS,
        actor=make_staff(Role.COUNTY_ADMIN),
        name="court",
        region="330482",
        start=dt.date(2026, 1, 1),
        value="嘉兴市南湖区人民法院",
        reference="浙江省高级人民法院关于行政案件集中管辖的规定",
    )
    # A body named from next year does not reach a notice decided this year.
    setting_add(
        REMEDY_SETTINGS,
        actor=make_staff(Role.COUNTY_ADMIN),
        name="review_body",
        region="330482",
        start=dt.date(2027, 1, 1),
        value="嘉兴市人民政府",
        reference="平政办〔2026〕30 号",
    )
    application = _decide(
        to_county(), county_worker, amount=Decimal("400"), reason="入户调查核实有未申报的零工收入。"
    )

    for text in _texts(application):
        assert said("最低生活保障 批准，核减为每月 400.00 元(经审核拟发放每月 525.00 元)", text)
        assert said("核减理由：入户调查核实有未申报的零工收入。", text)
        assert said("每月合计 400.00 元，自2026年12月起按月发放", text)
        assert said(
            "如对本决定不服，可以自收到本通知书之日起 60 日内向平湖市人民政府申请行政复议；"
            "也可以自收到本通知书之日起 6 个月内向嘉兴市南湖区人民法院提起行政诉讼。",
            text,
        )
        assert not said("平湖市人民法院", text)  # the county's value replaced the shipped one
        assert not said("嘉兴市人民政府", text)
        _never_shows_keys_or_the_model(text)


def test_a_refusal_gives_the_reason_and_the_remedies(to_county, county_worker):
    application = to_county()
    application_refuse(
        actor=county_worker,
        application_id=application.pk,
        reason="公示期间查实申请人名下有经营性商铺一处，未如实申报。",
    )
    application.refresh_from_db()

    for text in _texts(application):
        assert said("最低生活保障 不予批准", text)
        assert said(
            "决定不予批准。理由：公示期间查实申请人名下有经营性商铺一处，未如实申报。", text
        )
        assert text.count("未如实申报") == 1  # said once, not again under every item
        assert not said("医疗救助", text)  # proposed with the 低保, never asked for
        assert said("60 日内向平湖市人民政府申请行政复议", text)
        assert said("6 个月内向平湖市人民法院提起行政诉讼", text)
        for absent in ("每月", "按月", "批准，", "应当及时告知", "符合最低生活保障条件"):
            assert not said(absent, _decision(text))
        _never_shows_keys_or_the_model(text)


def test_a_region_without_named_bodies_gets_the_general_remedy(to_county, county_worker):
    # 湖州市 ships no bodies: the notice names none rather than a wrong one.
    assert remedy_bodies(region="330500", day=dt.date(2026, 11, 27)) == RemedyBodies("", "")
    application = to_county()
    application_refuse(actor=county_worker, application_id=application.pk, reason="不符合条件。")
    application.refresh_from_db()
    notice = replace(decision_notice(application=application), review_body="", court="")

    text = _pdf_text(notice)

    assert said("60 日内依法申请行政复议", text)
    assert said("6 个月内依法向人民法院提起行政诉讼", text)
    assert not said("平湖市人民政府", text)


def test_the_remedies_page_adds_a_dated_body_with_an_audit(make_staff, client_for):
    admin = client_for(make_staff(Role.COUNTY_ADMIN))
    page = admin.get(reverse("cases:remedies")).content.decode()
    assert "行政复议机关" in page
    assert "平湖市人民政府" in page  # the shipped value, to confirm
    assert "review_body</option>" not in page  # the form lists Chinese labels

    response = admin.post(
        reverse("cases:remedies"),
        {
            "name": "review_body",
            "region": "330482",
            "start": "2027-01-01",
            "value": "  嘉兴市人民政府  ",
            "reference": "平政办〔2026〕30 号",
        },
    )

    assert response.status_code == 302
    setting = RemedyBodySetting.objects.get()
    assert setting.value == "嘉兴市人民政府"
    page = admin.get(reverse("cases:remedies")).content.decode()
    assert "平政办〔2026〕30 号" in page
    assert ">review_body<" not in page  # the added value is listed by its Chinese label
    event = AuditEvent.objects.get(target_type="cases.remedy_body_setting")
    assert event.changes["value"] == "嘉兴市人民政府"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        pytest.param({"value": " "}, "请填写取值", id="blank_case"),
        pytest.param({"value": "院" * 101}, "不能超过 100 个字", id="long_case"),
        pytest.param({"reference": ""}, "请填写依据", id="reference_case"),
        pytest.param({"name": "judge"}, "没有这个参数", id="name_case"),
    ],
)
def test_bad_bodies_are_refused_in_chinese(make_staff, client_for, values, message):
    admin = client_for(make_staff(Role.COUNTY_ADMIN))
    data = {
        "name": "court",
        "region": "330482",
        "start": "2027-01-01",
        "value": "平湖市人民法院",
        "reference": "平政办〔2026〕30 号",
        **values,
    }

    response = admin.post(reverse("cases:remedies"), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not RemedyBodySetting.objects.exists()
    assert not AuditEvent.objects.filter(target_type="cases.remedy_body_setting").exists()


def test_only_the_county_admin_names_the_bodies(make_staff, client_for):
    worker = client_for(make_staff(Role.COUNTY_CASEWORKER))
    assert worker.get(reverse("cases:remedies")).status_code == 403
    response = worker.post(
        reverse("cases:remedies"),
        {
            "name": "court",
            "region": "330482",
            "start": "2027-01-01",
            "value": "某法院",
            "reference": "x",
        },
    )
    assert response.status_code == 403
    assert not RemedyBodySetting.objects.exists()


def test_the_english_interface_prints_the_notice_in_english(to_county, county_worker):
    application = to_county()
    application_refuse(actor=county_worker, application_id=application.pk, reason="不符合条件。")
    application.refresh_from_db()

    with translation.override("en"):
        text = _pdf_text(decision_notice(application=application))

    assert said("apply to 平湖市人民政府 for administrative reconsideration within 60 days", text)
    assert said("file an administrative lawsuit with 平湖市人民法院 within 6 months", text)
    assert said(
        "after the household financial means check, the home visit, the township review and "
        "public notice in the village (community), this office made the following decision",
        text,
    )


def test_a_grant_first_says_it_was_already_paid_by_the_township(
    frozen, township_worker, county_worker
):
    township_reserve_set(
        actor=county_worker, township_code=DANGHU, year=2026, budget=Decimal("5000")
    )
    application = application_at(StepKind.COUNTY_APPROVAL, items=("temporary",), case=POOR_CASE)
    temporary_grant_first(
        actor=township_worker,
        application_id=application.pk,
        amount=Decimal("800"),
        reason="突发火灾，房屋受损，基本生活陷入困境。",
    )
    application_approve(
        actor=county_worker,
        application_id=application.pk,
        reason="经审核，同意。",
        decisions={"temporary": ItemDecision(grant=True)},
    )
    application.refresh_from_db()

    for text in _texts(application):
        assert said("经本机关审查，于2026年11月20日作出如下决定", text)  # no step was recorded
        assert said(
            "临时救助 批准，一次性发放 800.00 元，已由镇(街道)于2026年11月20日先行发放", text
        )
        assert said("突发火灾，房屋受损", text)
        for absent in ("每月", "按月", "公示", "入户调查"):
            assert not said(absent, _decision(text))
        _never_shows_keys_or_the_model(text)


def test_a_status_is_stated_in_words_without_an_amount(
    village_worker, township_worker, county_worker, frozen
):
    # 1500 a month: above the 低保 standard 1145, below the edge line 1717.50.
    case = {**POOR_CASE, "members": [{**POOR_CASE["members"][0], "monthly_income": 1500.0}]}
    application = application_at(
        StepKind.CHECK, items=("dibao_edge",), prefill={"case": case, "sources": POOR_SOURCES}
    )
    to_publicity(application, village_worker, township_worker)
    frozen.move_to("2026-11-27 09:00 +0800")
    publicity_complete(actor=township_worker, application_id=application.pk)
    application_approve(
        actor=county_worker,
        application_id=application.pk,
        reason="经审核，同意。",
        decisions={
            "dibao_edge": ItemDecision(grant=True),
            **{code: ItemDecision(grant=True) for code in LINKED},
        },
    )
    application.refresh_from_db()

    for text in _texts(application):
        assert said("低保边缘家庭认定 予以认定", text)
        assert said("家庭人均收入 1500.00 元 低于 低保边缘线 1717.50 元", text)
        assert said("家庭人口、收入或财产状况发生变化的，应当及时告知", text)
        for absent in ("每月合计", "按月发放", "一次性", "行政复议"):
            assert not said(absent, _decision(text))
        _never_shows_keys_or_the_model(text)
