"""The roll's accounts become payment accounts, checked like any account, once."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from minzheng.accounts.enums import Role
from minzheng.accounts.system import system_user
from minzheng.cases.services.caseload_import import caseload_roll_import
from minzheng.cases.tests.caseload.conftest import roll, roll_row
from minzheng.core.exceptions import PermissionDenied
from minzheng.core.models import AuditEvent
from minzheng.payments.models import BankAccount
from minzheng.payments.services.accounts import accounts_from_roll
from minzheng.payments.services.batches import batch_prepare
from minzheng.registry.enums import Relation
from minzheng.registry.tests.factories import (
    HouseholdFactory,
    MembershipFactory,
    PersonFactory,
    resident_id,
)

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 10, 31)


def _person(name: str, born: dt.date):
    home = HouseholdFactory()
    person = PersonFactory(name=name, birth_date=born, id_number=resident_id(born))
    MembershipFactory(household=home, person=person, relation=Relation.HEAD)
    return person


@pytest.fixture
def imported(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    right = _person("张建国", dt.date(1980, 4, 12))
    wrong_name = _person("王秀英", dt.date(1981, 11, 3))
    data = roll(
        roll_row("ZC1", right, "低保", "145", 银行账号="6230 9100 1234 5678"),
        roll_row("ZC2", wrong_name, "低保", "600", 账户户名="王秀"),
    )
    caseload_roll_import(actor=system_user(), file_name="roll.csv", data=data, as_of=AS_OF)
    return right, wrong_name


def test_accounts_are_taken_over_where_the_name_matches(imported, make_staff):
    right, _wrong_name = imported
    clerk = make_staff(Role.COUNTY_CASEWORKER)

    taken = accounts_from_roll(actor=clerk)

    assert (taken.created, taken.kept, taken.refused) == (1, 0, 1)
    account = BankAccount.objects.get()
    assert (account.person_id, account.number, account.kind) == (
        right.pk,
        "6230910012345678",
        "social_security_card",
    )
    event = AuditEvent.objects.get(target_type="payments.account")
    assert event.changes == {"created": 1, "kept": 0, "refused": 1}
    again = accounts_from_roll(actor=clerk)
    assert (again.created, again.kept, again.refused) == (0, 1, 1)


def test_migrated_benefits_are_paid_from_the_month_after_the_roll(imported, make_staff):
    clerk = make_staff(Role.COUNTY_CASEWORKER)
    accounts_from_roll(actor=clerk)
    batch = batch_prepare(actor=clerk, month=dt.date(2026, 11, 1)).batch
    # 2023's months were paid by the provincial system: only November is owed here.
    assert list(batch.lines.values_list("holder_name", "month")) == [
        ("张建国", dt.date(2026, 11, 1))
    ]


def test_the_command_names_what_it_did(imported, make_staff):
    clerk = make_staff(Role.COUNTY_CASEWORKER)
    out = StringIO()
    call_command("payments", "accounts-from-roll", "--user", clerk.username, stdout=out)
    assert "已从在册名册导入收款账户 1 户" in out.getvalue()
    assert "需人工录入 1 户" in out.getvalue()


def test_a_township_worker_cannot_take_over_accounts(imported, make_staff):
    with pytest.raises(PermissionDenied):
        accounts_from_roll(actor=make_staff(Role.TOWNSHIP_WORKER, 330482001000))
    assert not BankAccount.objects.exists()
