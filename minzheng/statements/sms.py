"""Text messages to citizens' phones, through the backend named by ``settings.SMS_BACKEND``.

A backend is any class whose instances have ``send(*, phone, message)``. A province's SMS
gateway plugs in as one more class; the console backend is for development and the memory
backend for tests. No backend logs a full phone number.
"""

import logging
import sys
from dataclasses import dataclass
from typing import ClassVar, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsBackend(Protocol):
    def send(self, *, phone: str, message: str) -> None:
        """Deliver ``message`` to ``phone`` or raise; must not log the number unmasked."""


def phone_mask(phone: str) -> str:
    """13812345678 → 138****5678."""
    digits = phone.strip()
    if len(digits) <= 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


class ConsoleSmsBackend:
    """Writes the message to standard output for a developer to read; logs a masked number."""

    def send(self, *, phone: str, message: str) -> None:
        masked = phone_mask(phone)
        sys.stdout.write(f"[SMS → {masked}] {message}\n")
        sys.stdout.flush()
        logger.info("statements.sms.sent", extra={"backend": "console", "phone": masked})


@dataclass(frozen=True)
class SentSms:
    phone: str
    message: str


class MemorySmsBackend:
    """Keeps messages in a list shared by every instance, as Django's locmem mail outbox does.

    The live server of the browser tests runs in the test process, so a test reads the code
    that the server "sent" from ``MemorySmsBackend.outbox``.
    """

    outbox: ClassVar[list[SentSms]] = []

    def send(self, *, phone: str, message: str) -> None:
        self.outbox.append(SentSms(phone=phone, message=message))


def sms_backend() -> SmsBackend:
    """An instance of the configured backend (``SMS_BACKEND``, console by default)."""
    path = getattr(settings, "SMS_BACKEND", "minzheng.statements.sms.ConsoleSmsBackend")
    backend: SmsBackend = import_string(path)()
    return backend
