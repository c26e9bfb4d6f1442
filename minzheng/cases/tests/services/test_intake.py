"""受理: the family's consent, one open application per household, due dates in working days."""

import datetime as dt

import pytest
import time_machine

from minzheng.accounts.enums import Role
from minzheng.cases.enums import ApplicationStatus, StepKind, StepOutcome
from minzheng.cases.models import Application
from minzheng.cases.services.intake import application_intake
from minzheng.cases.services.workflow import WorkflowConflict
from minzheng.cases.tests.factories import poor_home
from minzheng.cases.tests.helpers import nothing_written, steps_of
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError, NotFound, PermissionDenied
from minzheng.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def take(actor, household, **overrides):
    fields = {
        "channel": "village_proxy",
        "item_codes": ["dibao", "temporary"],
        "has_consent": True,
        "consent_date": dt.date(2026, 11, 19),
        "consent_signed_by": "张秀英",
        "consent_document": "SQ-HD-0001",
    } | overrides
    return application_intake(actor=actor, household_id=household.pk, **fields)


def test_intake_opens_the_check_with_the_prefilled_case(frozen, village_worker):
    home = poor_home()

    application = take(village_worker, home)

    assert application.number == "SQ20261120-0001"
    assert (application.status, application.current_step) == (
        ApplicationStatus.IN_PROGRESS,
        StepKind.CHECK,
    )
    assert (application.division_id, application.as_of) == (330482001034, dt.date(2026, 11, 20))
    assert application.prefill["case"]["region"] == "330482"
    assert application.prefill["case"]["members"][0]["birth_date"] == "1958-03-02"
    assert sorted(application.items.values_list("item__code", "requested")) == [
        ("dibao", True),
        ("temporary", True),
    ]
    assert steps_of(application) == [
        ("intake", StepOutcome.DONE, dt.date(2026, 11, 23)),
        ("check", "", dt.date(2026, 11, 24)),
    ]
    event = AuditEvent.objects.get(action=AuditAction.CREATE)
    assert event.changes == {
        "step": "intake",
        "number": "SQ20261120-0001",
        "channel": "village_proxy",
        "items": ["dibao", "temporary"],
        "as_of": "2026-11-20",
    }
    assert "张秀英" not in str(event.changes)
    assert take(village_worker, poor_home()).number == "SQ20261120-0002"


def test_due_dates_skip_the_national_day_holiday(village_worker):
    with time_machine.travel("2026-09-30 16:00 +0800", tick=False):
        application = take(village_worker, poor_home(), consent_date=dt.date(2026, 9, 30))

    # 10-01 to 10-07 are holidays (10-03/04 a weekend); work resumes on Thursday 10-08.
    assert steps_of(application) == [
        ("intake", StepOutcome.DONE, dt.date(2026, 10, 8)),
        ("check", "", dt.date(2026, 10, 9)),
    ]


def test_intake_without_the_familys_consent_is_refused_in_chinese(frozen, village_worker):
    home = poor_home()

    with nothing_written(), pytest.raises(ApplicationError) as refused:
        take(village_worker, home, has_consent=False)

    assert refused.value.code == ErrorCode.VALIDATION
    assert refused.value.message == "申请未受理：请补齐以下内容。"
    assert refused.value.fields == {
        "has_consent": "未取得家庭成员签字的核对授权书，不能受理。"
        "请先请家庭签署《家庭经济状况核对授权书》。"
    }


@pytest.mark.parametrize(
    ("overrides", "fields", "_case"),
    [
        (
            {"consent_date": None, "consent_signed_by": " ", "consent_document": ""},
            {
                "consent_date": "请填写授权书签署日期。",
                "consent_signed_by": "请填写授权书签字人。",
                "consent_document": "请填写授权书编号。",
            },
            "consent incomplete",
        ),
        (
            {"consent_date": dt.date(2026, 11, 21)},
            {"consent_date": "授权书签署日期不能晚于今天。"},
            "signed tomorrow",
        ),
        ({"item_codes": []}, {"items": "请至少选择一项救助事项。"}, "no item"),
        ({"item_codes": ["dibao", "x"]}, {"items": "所选救助事项不存在或已停用。"}, "unknown"),
        ({"channel": "fax"}, {"channel": "请选择申请渠道。"}, "channel"),
        ({"as_of": dt.date(2026, 12, 1)}, {"as_of": "核对基准日不能晚于今天。"}, "future"),
    ],
)
def test_bad_intake_fields_are_named(frozen, village_worker, overrides, fields, _case):
    with nothing_written(), pytest.raises(ApplicationError) as refused:
        take(village_worker, poor_home(), **overrides)
    assert refused.value.fields == fields


def test_one_open_application_per_household(frozen, village_worker, township_worker):
    home = poor_home()
    take(village_worker, home)

    with nothing_written(), pytest.raises(WorkflowConflict) as refused:
        take(township_worker, home)

    assert refused.value.code == ErrorCode.CONFLICT
    assert refused.value.message == "该户已有办理中的救助申请，不能重复受理。"
    assert Application.objects.count() == 1


def test_the_database_also_refuses_a_second_open_application(frozen, village_worker):
    from django.db import IntegrityError, transaction

    from minzheng.cases.tests.factories import ApplicationFactory

    first = take(village_worker, poor_home())
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(household=first.household)


@pytest.mark.parametrize(
    ("role", "division", "error", "_case"),
    [
        (Role.VILLAGE_WORKER, 330482001031, NotFound, "neighbouring community"),
        (Role.TOWNSHIP_WORKER, 330482101000, NotFound, "other township"),
        (Role.AUDITOR, 330482000000, NotFound, "no registry access"),
        (Role.HOTLINE_OPERATOR, 330482000000, NotFound, "no capability at all"),
    ],
)
def test_who_may_not_take_the_application(frozen, make_staff, role, division, error, _case):
    home = poor_home()
    with nothing_written(), pytest.raises(error):
        take(make_staff(role, division), home)


def test_a_registry_reader_without_the_intake_capability_is_told_so(frozen, make_staff):
    from unittest import mock

    from minzheng.accounts.enums import ROLE_CAPABILITIES, Capability

    reader = make_staff(Role.VILLAGE_WORKER, 330482001034)
    only_reading = {**ROLE_CAPABILITIES, Role.VILLAGE_WORKER: frozenset({Capability.REGISTRY_VIEW})}
    with (
        mock.patch.dict("minzheng.accounts.enums.ROLE_CAPABILITIES", only_reading),
        nothing_written(),
        pytest.raises(PermissionDenied),
    ):
        take(reader, poor_home())
