"""Citizen sign-in codes: sending, checking, limits, and answering alike for unknown IDs."""

import datetime as dt
import re

import pytest
import time_machine

from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError
from minzheng.core.models import AuditEvent
from minzheng.core.request_context import reset_client_ip, set_client_ip
from minzheng.registry.enums import PersonStatus
from minzheng.registry.tests.factories import resident_id
from minzheng.statements.enums import StatementsErrorCode
from minzheng.statements.models import SignInCode
from minzheng.statements.services import sign_in_code_check, sign_in_code_send
from minzheng.statements.services.sign_in import (
    CODES_PER_ID_PER_HOUR,
    CODES_PER_IP_PER_HOUR,
    CodeRefused,
    RateLimited,
    sign_in_codes_purge,
)
from minzheng.statements.sms import MemorySmsBackend
from minzheng.statements.tests.conftest import HEAD_PHONE, family_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def head(db):
    _home, head, _son = family_home()
    return head


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def call(id_number: str, ip: str = "198.51.100.7"):
        token = set_client_ip(ip)
        try:
            with django_capture_on_commit_callbacks(execute=True):
                return sign_in_code_send(id_number=id_number)
        finally:
            reset_client_ip(token)

    return call


def sent_code() -> str:
    [sms] = MemorySmsBackend.outbox
    return re.search(r"验证码为 (\d{6})", sms.message).group(1)


def test_a_code_goes_to_the_phone_on_record_and_signs_the_person_in(head, send):
    challenge = send(head.id_number)

    [sms] = MemorySmsBackend.outbox
    assert sms.phone == HEAD_PHONE
    assert sms.message == (
        f"【民政】您的幸福清单查询验证码为 {sent_code()}，5 分钟内有效。请勿告诉他人。"
    )
    assert sign_in_code_check(challenge_id=challenge, code=sent_code()) == head.pk
    row = SignInCode.objects.get()
    assert (row.person_id, row.attempts, row.used_at is not None) == (head.pk, 1, True)
    actions = list(AuditEvent.objects.order_by("id").values_list("action", "actor_username"))
    assert actions == [(AuditAction.CREATE, "citizen"), (AuditAction.LOGIN_SUCCEEDED, "citizen")]


def test_neither_the_id_number_nor_the_code_is_stored(head, send):
    send(f" {head.id_number.lower()} ")  # spaces and a lower-case x are forgiven

    row = SignInCode.objects.get()
    stored = " ".join(str(v) for v in SignInCode.objects.values().get().values())
    assert head.id_number not in stored
    assert sent_code() not in stored
    assert len(row.id_number_digest) == len(row.code_digest) == 64
    audited = " ".join(str(v) for v in AuditEvent.objects.values().get().values())
    assert head.id_number not in audited
    assert HEAD_PHONE not in audited


def test_a_code_is_used_once(head, send):
    challenge = send(head.id_number)
    sign_in_code_check(challenge_id=challenge, code=sent_code())

    with pytest.raises(CodeRefused) as refused:
        sign_in_code_check(challenge_id=challenge, code=sent_code())
    assert refused.value.code == StatementsErrorCode.CODE_EXPIRED


def test_a_wrong_code_is_refused_and_counted(head, send):
    challenge = send(head.id_number)
    wrong = "000000" if sent_code() != "000000" else "111111"

    with pytest.raises(CodeRefused) as refused:
        sign_in_code_check(challenge_id=challenge, code=wrong)

    assert str(refused.value.message) == "验证码不正确，还可以再试 4 次。"
    assert refused.value.code == StatementsErrorCode.CODE_INVALID
    assert SignInCode.objects.get().attempts == 1
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).count() == 1


def test_the_sixth_attempt_is_refused_even_with_the_right_code(head, send):
    challenge = send(head.id_number)
    wrong = "000000" if sent_code() != "000000" else "111111"
    messages = []
    for _ in range(5):
        with pytest.raises(CodeRefused) as refused:
            sign_in_code_check(challenge_id=challenge, code=wrong)
        messages.append(str(refused.value.message))

    with pytest.raises(CodeRefused) as sixth:
        sign_in_code_check(challenge_id=challenge, code=sent_code())

    assert messages[-1] == "验证码不正确，请重新获取。"
    assert sixth.value.code == StatementsErrorCode.CODE_EXHAUSTED
    assert str(sixth.value.message) == "验证码输错次数过多，请重新获取。"
    assert SignInCode.objects.get().attempts == 5
    assert not AuditEvent.objects.filter(action=AuditAction.LOGIN_SUCCEEDED).exists()


def test_an_expired_code_is_refused(head, send, frozen):
    challenge = send(head.id_number)
    frozen.shift(dt.timedelta(minutes=5))

    with pytest.raises(CodeRefused) as refused:
        sign_in_code_check(challenge_id=challenge, code=sent_code())

    assert refused.value.code == StatementsErrorCode.CODE_EXPIRED
    assert str(refused.value.message) == "验证码已失效，请重新获取。"
    assert SignInCode.objects.get().attempts == 0


def test_a_code_just_inside_five_minutes_works(head, send, frozen):
    challenge = send(head.id_number)
    frozen.shift(dt.timedelta(minutes=4, seconds=59))

    assert sign_in_code_check(challenge_id=challenge, code=sent_code()) == head.pk


@pytest.mark.parametrize(
    ("setup", "_case"),
    [
        ("unknown", "no such ID number"),
        ("no_phone", "no phone on record"),
        ("landline", "a landline cannot take an SMS"),
        ("deceased", "not living"),
        ("moved_out", "no current household"),
    ],
)
def test_unknown_or_unreachable_ids_are_answered_alike_and_nothing_is_sent(
    head, send, setup, _case
):
    number = head.id_number
    if setup == "unknown":
        number = resident_id()
    elif setup == "no_phone":
        head.phone = ""
    elif setup == "landline":
        head.phone = "0573-85012345"
    elif setup == "deceased":
        head.status = PersonStatus.DECEASED
    elif setup == "moved_out":
        head.memberships.update(ended_on=dt.date(2026, 1, 1))
    head.save()

    challenge = send(number)

    assert MemorySmsBackend.outbox == []
    row = SignInCode.objects.get(pk=challenge)
    assert (row.person_id, row.code_digest) == (None, "")
    with pytest.raises(CodeRefused) as refused:
        sign_in_code_check(challenge_id=challenge, code="123456")
    assert str(refused.value.message) == "验证码不正确，还可以再试 4 次。"


def test_at_most_three_codes_per_id_number_an_hour(head, send, frozen):
    for _ in range(CODES_PER_ID_PER_HOUR):
        send(head.id_number)
        frozen.shift(dt.timedelta(minutes=10))

    with pytest.raises(RateLimited) as refused:
        send(head.id_number, ip="198.51.100.99")

    assert refused.value.status == 429
    assert str(refused.value.message) == "获取验证码过于频繁，请一小时后再试。"
    assert len(MemorySmsBackend.outbox) == CODES_PER_ID_PER_HOUR
    assert SignInCode.objects.count() == CODES_PER_ID_PER_HOUR  # the refusal wrote nothing
    frozen.shift(dt.timedelta(minutes=31))  # the first request is now over an hour old
    send(head.id_number)
    assert len(MemorySmsBackend.outbox) == CODES_PER_ID_PER_HOUR + 1


def test_unknown_ids_are_limited_alike(send):
    number = resident_id()
    for _ in range(CODES_PER_ID_PER_HOUR):
        send(number)

    with pytest.raises(RateLimited):
        send(number)


def test_at_most_ten_codes_per_address_an_hour(head, send):
    for _ in range(CODES_PER_IP_PER_HOUR - 1):
        send(resident_id())
    send(head.id_number)

    with pytest.raises(RateLimited):
        send(resident_id())
    assert len(MemorySmsBackend.outbox) == 1
    send(resident_id(), ip="198.51.100.8")  # another address is not affected


@pytest.mark.parametrize("raw", ["", "   ", "张三", "12", "330482<script>"])
def test_input_that_cannot_be_an_id_number_is_refused_before_anything_is_written(send, raw):
    with pytest.raises(ApplicationError) as refused:
        send(raw)

    assert str(refused.value.message) == "请输入正确的证件号。"
    assert not SignInCode.objects.exists()
    assert not AuditEvent.objects.exists()


def test_an_unknown_challenge_is_refused_as_expired(db):
    with pytest.raises(CodeRefused) as refused:
        sign_in_code_check(challenge_id="not-a-uuid", code="123456")

    assert refused.value.code == StatementsErrorCode.CODE_EXPIRED


@pytest.mark.django_db
def test_code_requests_older_than_a_day_are_purged():
    with time_machine.travel("2026-11-19 10:00 +0800", tick=False):
        sign_in_code_send(id_number="110101199001011237")
    with time_machine.travel("2026-11-20 09:00 +0800", tick=False):
        sign_in_code_send(id_number="110101199001011237")
    with time_machine.travel("2026-11-20 10:30 +0800", tick=False):
        assert sign_in_codes_purge() == 1
    assert SignInCode.objects.count() == 1
