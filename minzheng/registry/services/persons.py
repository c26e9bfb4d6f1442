"""Writes on persons: create into a household, update, reveal the full identifier."""

import uuid
from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from minzheng_pipeline.names import name_initials

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.clock import today
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError
from minzheng.core.ids import RecordId
from minzheng.registry.enums import PersonStatus, RegistryErrorCode, Relation
from minzheng.registry.models import Membership, Person
from minzheng.registry.permissions import access_household, access_person
from minzheng.registry.validation import check_identifier, check_name, check_phone

PERSON_TARGET = "registry.person"
EDITABLE_FIELDS = ("name", "id_type", "id_number", "phone", "status")


def _duplicate_identifier_error() -> ApplicationError:
    return ApplicationError(
        _("该证件号已登记在其他人员名下。"),
        code=RegistryErrorCode.DUPLICATE_ID_NUMBER,
        fields={"id_number": _("该证件号已登记在其他人员名下。")},
    )


def person_values_check(values: Mapping[str, str]) -> dict[str, object]:
    """Check every field at once so the user sees all problems in one round."""
    errors: dict[str, str] = {}
    name = check_name(values.get("name", ""), errors)
    identifier = check_identifier(values.get("id_type", ""), values.get("id_number", ""), errors)
    phone = check_phone(values.get("phone", ""), errors)
    status = values.get("status", PersonStatus.ALIVE)
    if status not in PersonStatus.values:
        errors["status"] = _("人员状态无效。")
    if errors:
        raise ApplicationError(_("提交的人员信息有误，未保存。"), fields=errors)
    if identifier is None:  # check_identifier reported why; unreachable with no errors
        raise ApplicationError(_("提交的人员信息有误，未保存。"))
    return {
        "name": name,
        "name_initials": name_initials(name),
        "id_type": identifier.id_type,
        "id_number": identifier.number,
        "birth_date": identifier.birth_date,
        "gender": identifier.gender,
        "phone": phone,
        "status": status,
    }


def _identifier_taken(
    id_type: object, id_number: object, *, exclude: uuid.UUID | None = None
) -> bool:
    if not id_number:
        return False
    holders = Person.objects.filter(id_type=id_type, id_number=id_number)
    if exclude is not None:
        holders = holders.exclude(pk=exclude)
    return holders.exists()


@transaction.atomic
def person_create(
    *, actor: User, household_id: RecordId, relation: str, values: Mapping[str, str]
) -> Person:
    """Register a new person as a current member of a household in the actor's jurisdiction."""
    household = access_household(
        actor=actor, household_id=household_id, capability=Capability.REGISTRY_EDIT
    )
    if relation not in Relation.values:
        raise ApplicationError(_("与户主关系无效。"), fields={"relation": _("与户主关系无效。")})
    data = person_values_check(values)
    if _identifier_taken(data["id_type"], data["id_number"]):
        raise _duplicate_identifier_error()
    try:
        with transaction.atomic():
            person = Person.objects.create(**data)
    except IntegrityError:  # a concurrent insert of the same number
        raise _duplicate_identifier_error() from None
    Membership.objects.create(
        household=household, person=person, relation=relation, started_on=today()
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target_type=PERSON_TARGET,
        target_id=person.pk,
        division_code=household.division_id,
        changes={field: [None, str(data[field])] for field in EDITABLE_FIELDS}
        | {"household": [None, household.number], "relation": [None, relation]},
    )
    return person


@transaction.atomic
def person_update(*, actor: User, person_id: RecordId, values: Mapping[str, str]) -> Person:
    """Change a person's details; unchanged input writes nothing and records nothing."""
    person, household = access_person(
        actor=actor, person_id=person_id, capability=Capability.REGISTRY_EDIT
    )
    person = Person.objects.select_for_update().get(pk=person.pk)
    current = {field: str(getattr(person, field)) for field in EDITABLE_FIELDS}
    data = person_values_check(current | {k: v for k, v in values.items() if k in EDITABLE_FIELDS})
    changed = [f for f in data if getattr(person, f) != data[f]]
    if not changed:
        return person
    if "id_number" in changed and _identifier_taken(
        data["id_type"], data["id_number"], exclude=person.pk
    ):
        raise _duplicate_identifier_error()
    changes = {f: [str(getattr(person, f)), str(data[f])] for f in changed if f in EDITABLE_FIELDS}
    for field in changed:
        setattr(person, field, data[field])
    try:
        with transaction.atomic():
            person.save(update_fields=[*changed, "updated_at"])
    except IntegrityError:
        raise _duplicate_identifier_error() from None
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target_type=PERSON_TARGET,
        target_id=person.pk,
        division_code=household.division_id,
        changes=changes,
    )
    return person


@transaction.atomic
def person_identifier_reveal(*, actor: User, person_id: RecordId) -> str:
    """The full identifier, for an actor allowed to see it; every reveal is audited."""
    person, household = access_person(
        actor=actor, person_id=person_id, capability=Capability.IDENTIFIER_REVEAL
    )
    audit_record(
        actor=actor,
        action=AuditAction.REVEAL,
        target_type=PERSON_TARGET,
        target_id=person.pk,
        division_code=household.division_id,
    )
    return person.id_number
