"""Citizen self-service under /my/: sign-in pages, one's own statement, its PDF, sign-out."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from minzheng.accounts.enums import Role
from minzheng.core.enums import AuditAction
from minzheng.core.models import AuditEvent
from minzheng.registry.enums import Relation
from minzheng.registry.tests.factories import MembershipFactory, resident_id
from minzheng.statements.models import SignInCode, StatementDocument
from minzheng.statements.sms import MemorySmsBackend
from minzheng.statements.tests.conftest import benefits_for, family_home

pytestmark = pytest.mark.django_db

HOME = reverse("citizen:home")
SIGN_IN = reverse("citizen:sign_in")
CODE = reverse("citizen:code")
PDF = reverse("citizen:statement_pdf")
SIGN_OUT = reverse("citizen:sign_out")
NEUTRAL = "如果证件号正确且登记了手机号，验证码已发送至登记的手机，5 分钟内有效。"


@pytest.fixture
def client():
    return Client(enforce_csrf_checks=True)


def csrf_post(client: Client, url: str, data: dict[str, str]):
    """POST as a browser does: with the token from the form the page served."""
    page = client.get(url if url != SIGN_OUT else HOME).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return client.post(url, {**data, "csrfmiddlewaretoken": token})


@pytest.fixture
def request_code(client, django_capture_on_commit_callbacks):
    def call(id_number: str):
        with django_capture_on_commit_callbacks(execute=True):
            return csrf_post(client, SIGN_IN, {"id_number": id_number})

    return call


def the_code() -> str:
    return re.search(r"验证码为 (\d{6})", MemorySmsBackend.outbox[-1].message).group(1)


@pytest.fixture
def signed_in(client, request_code, head):
    request_code(head.id_number)
    response = csrf_post(client, CODE, {"code": the_code()})
    assert response.status_code == 302
    assert response["Location"] == HOME
    return client


def test_the_sign_in_page_asks_for_an_id_number(client):
    response = client.get(SIGN_IN)

    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="id_number"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert 'method="post"' in page


def test_a_post_without_the_csrf_token_is_refused(client, head):
    response = client.post(SIGN_IN, {"id_number": head.id_number})

    assert response.status_code == 403
    assert MemorySmsBackend.outbox == []
    assert not SignInCode.objects.exists()


def test_a_known_and_an_unknown_id_get_the_same_answer(client, request_code, head):
    known = request_code(head.id_number)
    known_page = client.get(CODE).content.decode()
    sent = len(MemorySmsBackend.outbox)
    other = Client(enforce_csrf_checks=True)
    with_unknown = csrf_post(other, SIGN_IN, {"id_number": resident_id()})
    unknown_page = other.get(CODE).content.decode()

    assert (known.status_code, known["Location"]) == (302, CODE)
    assert (with_unknown.status_code, with_unknown["Location"]) == (302, CODE)
    assert NEUTRAL in known_page
    strip = re.compile(r'value="[^"]+"|"X-CSRFToken": "[^"]+"')
    assert strip.sub("", known_page) == strip.sub("", unknown_page)
    assert "1234" not in known_page  # not even the phone's last digits
    assert sent == 1
    assert len(MemorySmsBackend.outbox) == 1  # nothing sent for the unknown ID


def test_the_right_code_signs_in_and_shows_the_households_statement(signed_in, head, home):
    response = signed_in.get(HOME)

    page = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "您好，张秀英" in page
    assert head.id_number_masked in page
    assert head.id_number not in page
    assert "T0000004242" in page  # the family's own data is not masked
    assert '<dd class="annual-total amount">¥10,504.50</dd>' in page
    assert "最低生活保障" in page
    assert 'href="tel:96345"' in page
    assert PDF in page
    assert SIGN_OUT in page
    event = AuditEvent.objects.filter(action=AuditAction.VIEW).get()
    assert (event.actor, event.actor_username, event.target_id, event.division_code) == (
        None,
        "citizen",
        str(home.pk),
        330482001034,
    )


def test_a_member_who_is_not_the_head_sees_the_same_household(client, request_code, home):
    son = home.memberships.get(relation=Relation.CHILD).person
    son.phone = "13900005678"
    son.save()
    request_code(son.id_number)
    csrf_post(client, CODE, {"code": the_code()})

    page = client.get(HOME).content.decode()

    assert "您好，王建国" in page
    assert "张秀英" in page  # the head of the household, in full
    assert "¥10,504.50" in page


def test_the_citizen_sees_only_their_own_household(signed_in, home):
    other, other_head, _son = family_home("T0000009999")
    benefits_for(other)
    other_head.name = "李四海"
    other_head.save()

    page = signed_in.get(HOME).content.decode()
    pdf_page = signed_in.get(f"{HOME}?household={other.pk}").content.decode()

    assert "T0000009999" not in page
    assert "李四海" not in page
    assert "T0000009999" not in pdf_page
    assert str(other.pk) not in page
    staff_page = signed_in.get(reverse("statements:household_statement", args=[other.pk]))
    assert staff_page.status_code == 302  # a citizen is no staff user: sent to the staff login
    assert staff_page["Location"].startswith("/accounts/login/")


def test_the_household_is_followed_when_the_citizen_moves(signed_in, head):
    new_home, _h, _s = family_home("T0000007777")
    head.memberships.update(ended_on=dt.date(2026, 11, 1))
    MembershipFactory(household=new_home, person=head, relation=Relation.OTHER)

    page = signed_in.get(HOME).content.decode()

    assert "T0000007777" in page
    assert "T0000004242" not in page


def test_the_applications_of_the_household_are_listed(signed_in, in_progress_application):
    page = signed_in.get(HOME).content.decode()

    assert "SQ20261118-0007" in page
    assert "办理中" in page
    assert "当前步骤 入户调查" in page
    assert "申请事项 低保边缘家庭认定、教育救助" in page
    assert "住房救助" not in page  # proposed by the rules, not asked for


def test_the_citizen_prints_their_own_statement(signed_in, home):
    response = signed_in.get(PDF)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    document = StatementDocument.objects.get()
    assert (document.household_id, document.issued_by, document.line_count) == (home.pk, None, 5)
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert (event.actor, event.actor_username, event.target_type, event.target_id) == (
        None,
        "citizen",
        "statements.statement",
        str(home.pk),
    )
    assert event.changes == {"document": str(document.pk), "lines": 5}


def test_a_wrong_code_is_refused_in_chinese(client, request_code, head):
    request_code(head.id_number)
    wrong = "000000" if the_code() != "000000" else "111111"

    response = csrf_post(client, CODE, {"code": wrong})

    assert response.status_code == 400
    assert "验证码不正确，还可以再试 4 次。" in response.content.decode()
    assert client.get(HOME)["Location"] == SIGN_IN


def test_the_sixth_attempt_is_refused(client, request_code, head):
    request_code(head.id_number)
    wrong = "000000" if the_code() != "000000" else "111111"
    for _ in range(5):
        csrf_post(client, CODE, {"code": wrong})

    response = csrf_post(client, CODE, {"code": the_code()})

    assert response.status_code == 400
    assert "验证码输错次数过多，请重新获取。" in response.content.decode()
    assert client.get(HOME).status_code == 302


def test_an_expired_code_is_refused(client, request_code, head, frozen):
    request_code(head.id_number)
    frozen.shift(dt.timedelta(minutes=6))

    response = csrf_post(client, CODE, {"code": the_code()})

    assert response.status_code == 400
    assert "验证码已失效，请重新获取。" in response.content.decode()


def test_too_many_codes_are_refused_in_chinese(client, request_code, head):
    for _ in range(3):
        request_code(head.id_number)

    response = request_code(head.id_number)

    assert response.status_code == 429
    assert "获取验证码过于频繁，请一小时后再试。" in response.content.decode()
    assert len(MemorySmsBackend.outbox) == 3


def test_the_session_ends_fifteen_minutes_after_sign_in(signed_in, frozen):
    frozen.shift(dt.timedelta(minutes=14, seconds=59))
    assert signed_in.get(HOME).status_code == 200
    frozen.shift(dt.timedelta(seconds=1))

    response = signed_in.get(HOME)

    assert (response.status_code, response["Location"]) == (302, f"{SIGN_IN}?expired=1")
    page = signed_in.get(response["Location"]).content.decode()
    assert "登录已超过 15 分钟，请重新获取验证码。" in page
    assert signed_in.get(PDF).status_code == 302
    assert not StatementDocument.objects.exists()


def test_sign_out_ends_the_citizen_session(signed_in, head):
    response = csrf_post(signed_in, SIGN_OUT, {})

    assert (response.status_code, response["Location"]) == (302, f"{SIGN_IN}?signed_out=1")
    assert signed_in.get(HOME)["Location"] == SIGN_IN
    event = AuditEvent.objects.get(action=AuditAction.LOGOUT)
    assert (event.actor_username, event.target_id) == ("citizen", str(head.pk))


def test_pages_without_a_session_send_to_sign_in(client):
    for url in (HOME, PDF):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, SIGN_IN)
    assert client.get(CODE)["Location"] == SIGN_IN
    assert not AuditEvent.objects.exists()


def test_a_citizen_session_is_not_a_staff_login(signed_in):
    response = signed_in.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_staff_login_is_not_a_citizen_session(make_staff, client_for, home):
    staff = client_for(make_staff(Role.COUNTY_ADMIN))

    assert staff.get(HOME)["Location"] == SIGN_IN
