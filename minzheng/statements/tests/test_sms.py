"""The SMS backends: chosen by setting, the console one never logs a whole number."""

import logging

import pytest
from django.test import override_settings

from minzheng.statements.sms import (
    ConsoleSmsBackend,
    MemorySmsBackend,
    SentSms,
    phone_mask,
    sms_backend,
)


def test_the_test_settings_choose_the_memory_backend():
    assert isinstance(sms_backend(), MemorySmsBackend)


@override_settings(SMS_BACKEND="minzheng.statements.sms.ConsoleSmsBackend")
def test_the_setting_chooses_the_backend():
    assert isinstance(sms_backend(), ConsoleSmsBackend)


def test_memory_backends_share_one_outbox():
    MemorySmsBackend.outbox.clear()
    MemorySmsBackend().send(phone="13800001234", message="验证码 123456")

    assert MemorySmsBackend().outbox == [SentSms("13800001234", "验证码 123456")]
    MemorySmsBackend.outbox.clear()


def test_the_console_backend_prints_the_message_and_logs_a_masked_number(capsys, caplog):
    with caplog.at_level(logging.INFO, logger="minzheng.statements.sms"):
        ConsoleSmsBackend().send(phone="13800001234", message="验证码 123456")

    assert capsys.readouterr().out == "[SMS → 138****1234] 验证码 123456\n"
    [record] = caplog.records
    assert record.getMessage() == "statements.sms.sent"
    assert record.phone == "138****1234"
    assert "13800001234" not in caplog.text


@pytest.mark.parametrize(
    ("phone", "masked"),
    [("13800001234", "138****1234"), ("0573-85012345", "057******2345"), ("12345", "*****")],
)
def test_phone_mask(phone, masked):
    assert phone_mask(phone) == masked
