"""收款账户: set and changed only through the service, checked against the person, audited."""

import pytest

from minzheng.accounts.enums import Role
from minzheng.core.exceptions import ApplicationError, NotFound
from minzheng.core.models import AuditEvent
from minzheng.payments.models import BankAccount
from minzheng.payments.services.accounts import account_set
from minzheng.payments.tests.conftest import DANGHU
from minzheng.payments.tests.helpers import nothing_written
from minzheng.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return household_with_members(2)


def _set(actor, home, **change):
    head = home.memberships.order_by("created_at").first().person
    values = {
        "actor": actor,
        "household_id": home.pk,
        "person_id": head.pk,
        "kind": "social_security_card",
        "bank_name": "平湖农商银行",
        "number": "6217 0000 1111 2222",
        "holder_name": head.name,
        "reason": "",
        **change,
    }
    return account_set(**values)


def test_an_account_is_recorded_masked_and_audited_without_the_number(home, preparer):
    account = _set(preparer, home)
    assert (account.number, account.number_masked) == ("6217000011112222", "6217 **** 2222")
    event = AuditEvent.objects.get(target_type="payments.account")
    assert event.changes["last4"] == ["", "2222"]
    assert "6217000011112222" not in str(event.changes)
    assert account.holder_name not in str(event.changes)


def test_changing_an_account_ends_the_old_one_and_needs_a_reason(home, preparer):
    old = _set(preparer, home)
    with nothing_written(), pytest.raises(ApplicationError) as refused:
        _set(preparer, home, number="6230111122223333")
    assert "reason" in refused.value.fields
    new = _set(preparer, home, number="6230111122223333", reason="社保卡挂失补办")
    old.refresh_from_db()
    assert old.ended_at is not None
    assert BankAccount.objects.get(household=home, ended_at=None) == new


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"holder_name": "王小明"}, "holder_name"),
        ({"number": "6217-00"}, "number"),
        ({"kind": "cash"}, "kind"),
        ({"bank_name": " "}, "bank_name"),
    ],
)
def test_a_wrong_field_is_named_and_nothing_saved(home, preparer, change, field):
    with nothing_written(), pytest.raises(ApplicationError) as refused:
        _set(preparer, home, **change)
    assert field in refused.value.fields
    assert refused.value.message == "收款账户未保存。"


def test_the_holder_must_belong_to_the_household(home, preparer):
    stranger = household_with_members(1).memberships.get().person
    with nothing_written(), pytest.raises(ApplicationError) as refused:
        _set(preparer, home, person_id=stranger.pk, holder_name=stranger.name)
    assert "person" in refused.value.fields


def test_outside_the_jurisdiction_the_household_does_not_exist(home, make_staff):
    zhapu = make_staff(Role.COUNTY_CASEWORKER, 330482101000)
    with nothing_written(), pytest.raises(NotFound):
        _set(zhapu, home)


def test_a_township_worker_cannot_set_accounts(home, make_staff):
    with nothing_written(), pytest.raises((NotFound, ApplicationError)):
        _set(make_staff(Role.TOWNSHIP_WORKER, DANGHU), home)
