"""Citizen sign-in with a one-time code sent to the mobile phone the registry holds.

Every answer is the same whether or not an ID number exists (ADR 0011): a row is written and
counted for unknown numbers too, and checking a code for an unknown number fails as a wrong
code does. The ID number is kept only as a keyed digest; a code only as a keyed digest.
"""

import datetime as dt
import re
import secrets
import uuid

from django.db import transaction
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from minzheng.core.audit import audit_record
from minzheng.core.clock import now
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError
from minzheng.core.locks import key_lock
from minzheng.core.request_context import client_ip
from minzheng.registry.enums import HouseholdStatus, PersonStatus
from minzheng.registry.models import Person
from minzheng.statements.enums import StatementsErrorCode
from minzheng.statements.models import SignInCode
from minzheng.statements.services.documents import CITIZEN_USERNAME
from minzheng.statements.sms import sms_backend

CODE_TTL = dt.timedelta(minutes=5)
MAX_ATTEMPTS = 5
CODES_PER_ID_PER_HOUR = 3
CODES_PER_IP_PER_HOUR = 10
RATE_WINDOW = dt.timedelta(hours=1)
SIGN_IN_CODE_TARGET = "statements.sign_in_code"
PERSON_TARGET = "registry.person"

_ID_NUMBER = re.compile(r"^[A-Z0-9-]{4,32}$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_ID_SALT = "minzheng.statements.sign_in.id_number"
_CODE_SALT = "minzheng.statements.sign_in.code"


class RateLimited(ApplicationError):
    status = 429

    def __init__(self) -> None:
        super().__init__(
            _("获取验证码过于频繁，请一小时后再试。"), code=StatementsErrorCode.RATE_LIMITED
        )


class CodeRefused(ApplicationError):
    status = 400


def id_number_normalise(raw: str) -> str:
    return re.sub(r"\s+", "", raw).upper()


def _id_digest(number: str) -> str:
    return salted_hmac(_ID_SALT, number, algorithm="sha256").hexdigest()


def _code_digest(challenge_id: uuid.UUID, code: str) -> str:
    return salted_hmac(_CODE_SALT, f"{challenge_id}:{code}", algorithm="sha256").hexdigest()


def _recipient(number: str) -> tuple[uuid.UUID, str] | None:
    """The one living person with this ID in an active household, and their mobile number."""
    rows = list(
        Person.objects.filter(
            id_number=number,
            status=PersonStatus.ALIVE,
            memberships__ended_on__isnull=True,
            memberships__household__status=HouseholdStatus.ACTIVE,
        ).values_list("pk", "phone")[:2]
    )
    if len(rows) != 1:
        return None
    person_id, phone = rows[0]
    phone = re.sub(r"[\s-]+", "", phone)
    return (person_id, phone) if _MOBILE.match(phone) else None


def _limit(since: dt.datetime, digest: str, ip_address: str | None) -> None:
    """Refuse a request over either limit; the caller's transaction then inserts its row.

    The counts hold only while no other request for this number or address counts: each
    takes its key's lock (ID first, then address, so two requests never wait on each other).
    """
    key_lock(f"{SIGN_IN_CODE_TARGET}.id:{digest}")
    if ip_address:
        key_lock(f"{SIGN_IN_CODE_TARGET}.ip:{ip_address}")
    recent = SignInCode.objects.filter(created_at__gte=since)
    if recent.filter(id_number_digest=digest).count() >= CODES_PER_ID_PER_HOUR:
        raise RateLimited
    if ip_address and recent.filter(ip_address=ip_address).count() >= CODES_PER_IP_PER_HOUR:
        raise RateLimited


@transaction.atomic
def sign_in_code_send(*, id_number: str) -> uuid.UUID:
    """Send a 6-digit code to the phone of the person with ``id_number``, if there is one.

    Returns the id of the request (the challenge) whether or not a code was sent, so the caller
    answers alike either way. The SMS goes out after the commit. At most
    ``CODES_PER_ID_PER_HOUR`` requests per ID number and ``CODES_PER_IP_PER_HOUR`` per client
    address within an hour; refused requests are not counted.

    Raises:
        ApplicationError: the input cannot be an ID number.
        RateLimited: too many requests for this number or from this address.
    """
    number = id_number_normalise(id_number)
    if not _ID_NUMBER.match(number):
        message = _("请输入正确的证件号。")
        raise ApplicationError(message, fields={"id_number": message})
    digest = _id_digest(number)
    ip_address = client_ip()
    _limit(now() - RATE_WINDOW, digest, ip_address)
    recipient = _recipient(number)
    challenge = SignInCode(
        id_number_digest=digest,
        ip_address=ip_address,
        person_id=recipient[0] if recipient else None,
        expires_at=now() + CODE_TTL,
    )
    code = f"{secrets.randbelow(10**6):06d}"
    if recipient is not None:
        challenge.code_digest = _code_digest(challenge.pk, code)
    challenge.save(force_insert=True)
    audit_record(
        actor=None,
        actor_username=CITIZEN_USERNAME,
        action=AuditAction.CREATE,
        target_type=SIGN_IN_CODE_TARGET,
        target_id=challenge.pk,
    )
    if recipient is not None:
        phone = recipient[1]
        message = _(
            "【民政】您的幸福清单查询验证码为 %(code)s，%(minutes)d 分钟内有效。请勿告诉他人。"
        ) % {"code": code, "minutes": CODE_TTL.seconds // 60}
        transaction.on_commit(lambda: sms_backend().send(phone=phone, message=message))
    return challenge.pk


def _as_uuid(value: object) -> uuid.UUID | None:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        return None


@transaction.atomic
def _attempt(challenge_id: object, code: str) -> uuid.UUID | CodeRefused:
    """Count one attempt and judge it; refusals are returned, so the count is committed."""
    pk = _as_uuid(challenge_id)
    challenge = SignInCode.objects.select_for_update().filter(pk=pk).first() if pk else None
    expired = CodeRefused(_("验证码已失效，请重新获取。"), code=StatementsErrorCode.CODE_EXPIRED)
    if challenge is None or challenge.used_at is not None or challenge.expires_at <= now():
        return expired
    if challenge.attempts >= MAX_ATTEMPTS:
        return CodeRefused(
            _("验证码输错次数过多，请重新获取。"), code=StatementsErrorCode.CODE_EXHAUSTED
        )
    challenge.attempts += 1
    right = bool(challenge.code_digest) and constant_time_compare(
        challenge.code_digest, _code_digest(challenge.pk, code)
    )
    if right:
        challenge.used_at = now()
    challenge.save(update_fields=["attempts", "used_at", "updated_at"])
    if not right or challenge.person_id is None:
        audit_record(
            actor=None,
            actor_username=CITIZEN_USERNAME,
            action=AuditAction.LOGIN_FAILED,
            target_type=SIGN_IN_CODE_TARGET,
            target_id=challenge.pk,
        )
        left = MAX_ATTEMPTS - challenge.attempts
        message = (
            _("验证码不正确，还可以再试 %(left)d 次。") % {"left": left}
            if left
            else _("验证码不正确，请重新获取。")
        )
        return CodeRefused(message, code=StatementsErrorCode.CODE_INVALID)
    audit_record(
        actor=None,
        actor_username=CITIZEN_USERNAME,
        action=AuditAction.LOGIN_SUCCEEDED,
        target_type=PERSON_TARGET,
        target_id=challenge.person_id,
    )
    return challenge.person_id


def sign_in_code_check(*, challenge_id: object, code: str) -> uuid.UUID:
    """The person signed in by ``code``; at most ``MAX_ATTEMPTS`` tries, within ``CODE_TTL``.

    Deliberately not one transaction with its refusal: a wrong attempt must stay counted.

    Raises:
        CodeRefused: the code is wrong, expired, used, or tried too often (same for an
            unknown ID number as for a wrong code).
    """
    outcome = _attempt(challenge_id, re.sub(r"\s+", "", code))
    if isinstance(outcome, CodeRefused):
        raise outcome
    return outcome


def citizen_sign_out_record(*, person_id: uuid.UUID) -> None:
    """Audit a citizen's sign-out."""
    audit_record(
        actor=None,
        actor_username=CITIZEN_USERNAME,
        action=AuditAction.LOGOUT,
        target_type=PERSON_TARGET,
        target_id=person_id,
    )


def sign_in_codes_purge() -> int:
    """Delete code requests older than a day: past their expiry and every rate window.

    They hold digests and an IP address only, but are kept no longer than the limits need.
    """
    deleted, _by_model = SignInCode.objects.filter(
        created_at__lt=now() - dt.timedelta(days=1)
    ).delete()
    return deleted
