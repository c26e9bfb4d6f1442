import pytest

from minzheng.accounts.enums import Role
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError, NotFound, PermissionDenied
from minzheng.core.models import AuditEvent
from minzheng.registry.enums import RegistryErrorCode, Relation
from minzheng.registry.models import Membership, Person
from minzheng.registry.services.persons import (
    person_create,
    person_identifier_reveal,
    person_update,
)
from minzheng.registry.tests.factories import household_with_members, resident_id

pytestmark = pytest.mark.django_db
ZHAPU = 330482101000


def _values(**overrides):
    return {
        "name": "陈秀英",
        "id_type": "resident_id",
        "id_number": resident_id(),
        "phone": "17012345678",
    } | overrides


def test_registers_a_person_into_a_household_with_derived_facts(caseworker):
    home = household_with_members(1)
    number = resident_id(male=False)

    person = person_create(
        actor=caseworker,
        household_id=home.pk,
        relation=Relation.SPOUSE,
        values=_values(id_number=number.lower()),
    )

    assert person.id_number == number
    assert person.gender == "female"
    assert person.name_initials == "cxy"
    assert person.birth_date.isoformat() == "1950-03-01"
    assert Membership.objects.current().get(person=person).household == home
    event = AuditEvent.objects.get(action=AuditAction.CREATE, target_id=str(person.pk))
    assert event.actor == caseworker
    assert event.division_code == home.division_id


def test_bad_input_names_every_field_and_saves_nothing(caseworker):
    home = household_with_members(1)
    before = Person.objects.count()

    with pytest.raises(ApplicationError) as caught:
        person_create(
            actor=caseworker,
            household_id=home.pk,
            relation=Relation.CHILD,
            values=_values(name="  ", id_number="330482195003010013", phone="12345"),
        )

    assert caught.value.fields == {
        "name": "姓名不能为空。",
        "id_number": "身份证号校验位不正确，请逐位核对。",
        "phone": "电话号码格式不正确：手机号为 11 位，座机需带区号。",
    }
    assert Person.objects.count() == before
    assert not AuditEvent.objects.filter(action=AuditAction.CREATE).exists()


def test_refuses_a_duplicate_identifier(caseworker):
    home = household_with_members(1)
    taken = home.memberships.get().person.id_number

    with pytest.raises(ApplicationError) as caught:
        person_create(
            actor=caseworker,
            household_id=home.pk,
            relation=Relation.CHILD,
            values=_values(id_number=taken),
        )

    assert caught.value.code == RegistryErrorCode.DUPLICATE_ID_NUMBER
    assert caught.value.fields == {"id_number": "该证件号已登记在其他人员名下。"}
    assert Person.objects.filter(id_number=taken).count() == 1


def test_update_keeps_before_and_after_in_history(caseworker):
    person = household_with_members(1).memberships.get().person
    old_phone = person.phone

    person_update(actor=caseworker, person_id=person.pk, values={"phone": "0573-85012345"})

    event = AuditEvent.objects.get(action=AuditAction.UPDATE, target_id=str(person.pk))
    assert event.changes == {"phone": [old_phone, "0573-85012345"]}
    person.refresh_from_db()
    assert person.phone == "0573-85012345"


def test_update_with_nothing_new_writes_nothing(caseworker):
    person = household_with_members(1).memberships.get().person

    person_update(actor=caseworker, person_id=person.pk, values={"phone": person.phone})

    assert not AuditEvent.objects.filter(action=AuditAction.UPDATE).exists()


def test_reveal_is_audited(caseworker):
    person = household_with_members(1).memberships.get().person

    assert person_identifier_reveal(actor=caseworker, person_id=person.pk) == person.id_number
    assert (
        AuditEvent.objects.filter(action=AuditAction.REVEAL, target_id=str(person.pk)).count() == 1
    )


def test_village_worker_may_not_reveal_and_nothing_is_recorded(make_staff):
    person = household_with_members(1).memberships.get().person
    village_worker = make_staff(Role.VILLAGE_WORKER, 330482001034)

    with pytest.raises(PermissionDenied):
        person_identifier_reveal(actor=village_worker, person_id=person.pk)
    assert not AuditEvent.objects.filter(action=AuditAction.REVEAL).exists()


def test_other_township_cannot_edit_and_nothing_changes(make_staff):
    person = household_with_members(1).memberships.get().person
    outsider = make_staff(Role.TOWNSHIP_WORKER, ZHAPU)

    with pytest.raises(NotFound):
        person_update(actor=outsider, person_id=person.pk, values={"name": "改名"})
    person.refresh_from_db()
    assert person.name != "改名"
    assert not AuditEvent.objects.filter(action=AuditAction.UPDATE).exists()
