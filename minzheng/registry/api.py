"""REST endpoints of the registry; each validates, calls one service or selector, returns."""

import uuid

from django.http import HttpRequest
from ninja import File, Query, Schema, Status, UploadedFile
from pydantic import Field

from minzheng.accounts.api_auth import ScopedRouter, api_actor
from minzheng.accounts.enums import ApiScope
from minzheng.core.pagination import PageNumber
from minzheng.registry.enums import SearchField
from minzheng.registry.models import Household, Membership, Person
from minzheng.registry.permissions import access_household
from minzheng.registry.schemas import (
    HouseholdIn,
    HouseholdOut,
    HouseholdSearchOut,
    HouseholdSummaryOut,
    ImportOut,
    MemberOut,
    PersonIn,
    PersonOut,
    PersonPatch,
    RevealOut,
)
from minzheng.registry.selectors import household_detail, household_search
from minzheng.registry.services.households import (
    household_create,
    household_search_record,
    household_view_record,
)
from minzheng.registry.services.imports import persons_import
from minzheng.registry.services.persons import (
    person_create,
    person_identifier_reveal,
    person_update,
)

# Revealing a full ID number is a POST, so it needs registry:write, not registry:read.
router = ScopedRouter(read=ApiScope.REGISTRY_READ, write=ApiScope.REGISTRY_WRITE, tags=["registry"])


class SearchParams(Schema):
    q: str = Field(default="", max_length=64)
    field: SearchField = SearchField.AUTO
    page: PageNumber = 1


def _summary(household: Household) -> HouseholdSummaryOut:
    members: list[Membership] = getattr(household, "current_members", [])
    head = next((m for m in members if m.relation == "head"), members[0] if members else None)
    return HouseholdSummaryOut(
        id=household.pk,
        number=household.number,
        division_code=household.division.short_code,
        division_name=household.division.name,
        address=household.address.full_text if household.address else "",
        head_name=head.person.name if head else "",
        member_count=len(members),
    )


def _person_out(person: Person) -> PersonOut:
    return PersonOut(
        id=person.pk,
        name=person.name,
        id_type=person.id_type,
        id_number_masked=person.id_number_masked,
        id_number_warnings=list(person.id_number_warnings),
        birth_date=person.birth_date,
        gender=person.gender,
        phone=person.phone,
        status=person.status,
    )


@router.get("/households", response=HouseholdSearchOut)
def household_list(request: HttpRequest, params: Query[SearchParams]) -> HouseholdSearchOut:
    actor = api_actor(request)
    result = household_search(actor=actor, query=params.q, field=params.field, page=params.page)
    if params.q.strip():
        household_search_record(actor=actor, field=result.field, results=len(result.households))
    return HouseholdSearchOut(
        field=result.field,
        page=result.page,
        has_next=result.has_next,
        truncated=result.truncated,
        results=[_summary(h) for h in result.households],
    )


@router.post("/households", response={201: HouseholdSummaryOut})
def household_add(request: HttpRequest, payload: HouseholdIn) -> Status[HouseholdSummaryOut]:
    household = household_create(
        actor=api_actor(request),
        village_code=payload.village_code,
        number=payload.number,
        phone=payload.phone,
        address=payload.address.dict(),
    )
    return Status(201, _summary(household))


@router.get("/households/{household_id}", response=HouseholdOut)
def household_get(request: HttpRequest, household_id: uuid.UUID) -> HouseholdOut:
    household = access_household(actor=api_actor(request), household_id=household_id)
    household_view_record(actor=api_actor(request), household=household)
    detail = household_detail(household=household)
    return HouseholdOut(
        id=household.pk,
        number=household.number,
        division_path=[d.name for d in detail.lineage],
        address=household.address.full_text if household.address else "",
        phone=household.phone,
        status=household.status,
        members=[
            MemberOut(relation=m.relation, person=_person_out(m.person)) for m in detail.members
        ],
    )


@router.post("/households/{household_id}/persons", response={201: PersonOut})
def person_add(
    request: HttpRequest, household_id: uuid.UUID, payload: PersonIn
) -> Status[PersonOut]:
    values = payload.dict(exclude={"relation"})
    person = person_create(
        actor=api_actor(request),
        household_id=household_id,
        relation=payload.relation,
        values={k: str(v) for k, v in values.items()},
    )
    return Status(201, _person_out(person))


# Declared before "/persons/{person_id}" so that "import" is not read as a person id.
@router.post("/persons/import", response=ImportOut)
def person_import(request: HttpRequest, file: File[UploadedFile]) -> ImportOut:
    """CSV with columns 户号, 姓名, 证件类型, 证件号, 与户主关系, 手机号; all rows or none.

    On error, ``fields`` maps ``"<line>:<column>"`` to the problem (line 1 is the heading).
    """
    summary = persons_import(actor=api_actor(request), upload=file.read())
    return ImportOut(imported=summary.imported)


@router.patch("/persons/{person_id}", response=PersonOut)
def person_patch(request: HttpRequest, person_id: uuid.UUID, payload: PersonPatch) -> PersonOut:
    values = {k: str(v) for k, v in payload.dict(exclude_none=True).items()}
    return _person_out(person_update(actor=api_actor(request), person_id=person_id, values=values))


@router.post("/persons/{person_id}/reveal", response=RevealOut)
def person_reveal(request: HttpRequest, person_id: uuid.UUID) -> RevealOut:
    number = person_identifier_reveal(actor=api_actor(request), person_id=person_id)
    return RevealOut(id_number=number)
