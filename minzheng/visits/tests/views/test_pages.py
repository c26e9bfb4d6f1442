"""The pages: due list, the visit form (success, refusals, resends), the wish list."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.core.models import AuditEvent
from minzheng.profiling.enums import Colour
from minzheng.visits.enums import WishPrivacy
from minzheng.visits.models import Visit, VisitPlan, Wish
from minzheng.visits.services.planning import visit_plans_refresh
from minzheng.visits.services.visits import visit_record
from minzheng.visits.tests.factories import CST, draft, home, plan, profile

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
YOULIAN = 330482103217
SUBMISSION = "5b7f0a8e-3c1d-4e2f-9a6b-7c8d9e0f1a2b"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64


def form_url(household):
    return reverse("visits:visit_new", args=[household.pk])


def posted(**changes):
    return {
        "submission_id": SUBMISSION,
        "mode": "phone",
        "visited_at": "2026-11-20T08:30",
        "findings": "电话回访，老人说腿疼。",
        "needs": ["care"],
        "next_due_on": "",
    } | changes


def test_due_list_scoped_to_jurisdiction_overdue_first(village_worker, client_for):
    overdue = plan(
        home(head="王芳"), colour=Colour.RED, next_due_at=dt.datetime(2026, 11, 19, tzinfo=CST)
    )
    soon = plan(
        home(head="李娜"), colour=Colour.YELLOW, next_due_at=dt.datetime(2026, 11, 25, tzinfo=CST)
    )
    later = plan(
        home(head="刘洋"), colour=Colour.GREEN, next_due_at=dt.datetime(2026, 12, 30, tzinfo=CST)
    )
    elsewhere = plan(
        home(division=YOULIAN, head="张伟"),
        colour=Colour.RED,
        next_due_at=dt.datetime(2026, 11, 19, tzinfo=CST),
    )

    response = client_for(village_worker).get(reverse("visits:due_list"))

    body = response.content.decode()
    assert response.status_code == 200
    assert overdue.household.number in body
    assert soon.household.number in body
    assert body.index(overdue.household.number) < body.index(soon.household.number)
    assert body.count("已超期</span>") == 1
    assert "王芳" in body
    assert "松枫社区" in body
    assert later.household.number not in body
    assert elsewhere.household.number not in body
    assert AuditEvent.objects.get(target_type="visits.due_list").changes == {"results": 2}


def test_county_sees_every_division(county_worker, client_for):
    elsewhere = plan(
        home(division=YOULIAN), colour=Colour.RED, next_due_at=dt.datetime(2026, 11, 19, tzinfo=CST)
    )

    body = client_for(county_worker).get(reverse("visits:due_list")).content.decode()

    assert elsewhere.household.number in body


def test_due_list_query_count_does_not_grow_with_rows(
    village_worker, client_for, django_assert_num_queries
):
    client = client_for(village_worker)
    due = dt.datetime(2026, 11, 21, tzinfo=CST)
    plan(home(), colour=Colour.RED, next_due_at=due)
    with django_assert_num_queries(11):
        client.get(reverse("visits:due_list"))
    for _ in range(5):
        plan(home(), colour=Colour.RED, next_due_at=due)
    with django_assert_num_queries(11):
        response = client.get(reverse("visits:due_list"))
    assert response.content.decode().count("记录探访") == 6


def test_due_list_serves_its_fragment_to_htmx(village_worker, client_for):
    response = client_for(village_worker).get(
        reverse("visits:due_list"), headers={"HX-Request": "true"}
    )

    assert response.content.decode().lstrip().startswith('<section id="results"')


@pytest.mark.parametrize(
    ("who", "status"),
    [
        pytest.param(None, 302, id="anonymous"),
        pytest.param("charity_staff", 403, id="no_capability"),
        pytest.param("village_worker", 200, id="allowed"),
    ],
)
def test_due_list_permission_matrix(request, who, status):
    client = Client()
    if who:
        client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("visits:due_list"))

    assert response.status_code == status
    if who is None:
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("who", "division", "status"),
    [
        pytest.param(None, 330482001034, 302, id="anonymous"),
        pytest.param("village_worker", YOULIAN, 404, id="other_jurisdiction"),
        pytest.param("charity_staff", 330482001034, 403, id="no_capability"),
        pytest.param("village_worker", 330482001034, 200, id="allowed"),
        pytest.param("township_worker", 330482001034, 200, id="township"),
    ],
)
def test_visit_form_permission_matrix(request, who, division, status):
    household = home(division=division)
    client = Client()
    if who:
        client.force_login(request.getfixturevalue(who))

    get = client.get(form_url(household))
    post = client.post(form_url(household), posted())

    assert get.status_code == status
    assert post.status_code == (201 if status == 200 else status)
    assert Visit.objects.count() == (1 if status == 200 else 0)


def test_visit_form_shows_the_plan_default_next_date(village_worker, client_for):
    household = home()
    plan(household, colour=Colour.YELLOW, next_due_at=dt.datetime(2026, 11, 25, tzinfo=CST))

    body = client_for(village_worker).get(form_url(household)).content.decode()

    assert 'name="next_due_on" value="2026-12-20"' in body
    assert 'name="submission_id" value="' in body
    assert "visits/visit_form.js" in body
    event = AuditEvent.objects.get(target_type="visits.visit_form")
    assert event.target_id == str(household.pk)


def test_visit_form_saves_and_a_resend_does_not_duplicate(village_worker, client_for):
    household = home()
    existing = plan(household, colour=Colour.RED, next_due_at=dt.datetime(2026, 11, 21, tzinfo=CST))
    client = client_for(village_worker)
    photo = SimpleUploadedFile("曾国平.jpg", JPEG, content_type="image/jpeg")

    first = client.post(form_url(household), posted(photo=photo))
    again = client.post(form_url(household), posted())

    assert first.status_code == 201
    assert "本次探访已保存" in first.content.decode()
    assert again.status_code == 200
    assert "之前已保存，未重复记录" in again.content.decode()
    visit = Visit.objects.get()
    assert str(visit.submission_id) == SUBMISSION
    assert visit.mode == "phone"
    assert visit.needs == ["care"]
    assert visit.visited_at == dt.datetime(2026, 11, 20, 8, 30, tzinfo=CST)
    assert visit.photo.name.startswith("visits/")
    assert "曾国平" not in visit.photo.name
    assert AuditEvent.objects.filter(target_type="visits.visit").count() == 1
    existing.refresh_from_db()
    assert existing.last_visited_at == dt.datetime(2026, 11, 20, 8, 30, tzinfo=CST)
    assert existing.next_due_at == dt.datetime(2026, 11, 27, 8, 30, tzinfo=CST)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"mode": ""}, "请选择探访方式。", id="missing_mode"),
        pytest.param({"visited_at": "2026-11-20T10:30"}, "探访时间不能晚于现在。", id="future"),
        pytest.param({"visited_at": ""}, "请填写探访时间。", id="missing_time"),
        pytest.param({"findings": " "}, "请填写探访情况。", id="missing_findings"),
        pytest.param(
            {"photo": SimpleUploadedFile("big.jpg", JPEG + b"\x00" * (5 * 1024 * 1024))},
            "照片不能超过 5 MB。",
            id="too_large_photo",
        ),
        pytest.param(
            {"photo": SimpleUploadedFile("notes.jpg", b"%PDF-1.7 not an image")},
            "照片只能是 JPEG 或 PNG 图片。",
            id="not_an_image",
        ),
        pytest.param(
            {"submission_id": "x"}, "表单已失效，请核对内容后重新提交。", id="no_submission"
        ),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_written(
    village_worker, client_for, changes, message
):
    household = home()
    existing = plan(household, colour=Colour.RED, next_due_at=dt.datetime(2026, 11, 21, tzinfo=CST))

    response = client_for(village_worker).post(form_url(household), posted(**changes))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Visit.objects.exists()
    assert not AuditEvent.objects.filter(target_type="visits.visit").exists()
    existing.refresh_from_db()
    assert existing.last_visited_at is None


def test_wish_list_hides_the_family(village_worker, charity_staff, client_for):
    household = home(head="曾国平")
    visit_record(
        actor=village_worker,
        household_id=household.pk,
        draft=draft(wish_item="助听器", wish_value=Decimal("450")),
    )
    hidden = home(head="王芳")
    visit_record(
        actor=village_worker,
        household_id=hidden.pk,
        draft=draft(
            submission_id=uuid.uuid4(),
            wish_item="心理咨询",
            wish_value=Decimal("200"),
            wish_privacy=WishPrivacy.RESTRICTED,
        ),
    )

    response = client_for(charity_staff).get(reverse("visits:wish_list"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "助听器" in body
    assert "450.00" in body
    assert "松枫社区" in body
    assert "待认领" in body
    assert "曾国平" not in body
    assert household.number not in body
    assert household.address.full_text not in body
    assert "心理咨询" not in body
    assert hidden.number not in body
    assert Wish.objects.count() == 2
    assert AuditEvent.objects.get(target_type="visits.wish_list").changes == {"results": 1}


def test_wish_list_refuses_staff_who_neither_visit_nor_give(make_staff, client_for):
    response = client_for(make_staff(Role.AUDITOR)).get(reverse("visits:wish_list"))

    assert response.status_code == 403
    assert not AuditEvent.objects.filter(target_type="visits.wish_list").exists()


def test_plan_command_prints_counts_by_colour():
    from io import StringIO

    from django.core.management import call_command

    profile(home(), colour=Colour.RED)
    profile(home(), colour=Colour.GREEN)
    out = StringIO()

    call_command("visits", "plan", "--as-of", "2026-11-20", stdout=out)

    assert (
        out.getvalue().strip()
        == "2026-11-20 探访计划：新增 2，更新 0，移除 0；按颜色 红 1，黄 0，绿 1"
    )
    assert VisitPlan.objects.count() == 2
    assert visit_plans_refresh(as_of=dt.date(2026, 11, 20)).written == 0


def test_a_next_visit_due_on_a_day_reads_as_that_day(village_worker, client_for):
    """Issue 13: a visit due 2026-12-14 read "2026-12-15 00:00" on the saved page and the form."""
    household = home()
    plan(household, colour=Colour.YELLOW, next_due_at=dt.datetime(2026, 11, 25, tzinfo=CST))
    client = client_for(village_worker)

    saved = client.post(form_url(household), posted(next_due_on="2026-12-14")).content.decode()
    next_form = client.get(form_url(household)).content.decode()

    assert "下次探访期限 2026-12-14" in saved
    assert "2026-12-15" not in saved
    assert "探访期限 2026-12-14" in next_form
    assert "2026-12-15" not in next_form
    assert Visit.objects.get().next_due_at == dt.datetime(2026, 12, 15, tzinfo=CST)
