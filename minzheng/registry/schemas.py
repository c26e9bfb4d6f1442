"""API shapes of the registry. Identifiers leave the server masked unless revealed."""

import datetime as dt
import uuid

from ninja import Schema
from pydantic import Field

from minzheng.registry.enums import IdType, PersonStatus, Relation


class PersonOut(Schema):
    id: uuid.UUID
    name: str
    id_type: str
    id_number_masked: str
    # "unknown_area": the first six digits are in no revision of the division code table.
    id_number_warnings: list[str]
    birth_date: dt.date | None
    gender: str
    phone: str
    status: str


class MemberOut(Schema):
    relation: str
    person: PersonOut


class HouseholdSummaryOut(Schema):
    id: uuid.UUID
    number: str
    division_code: str
    division_name: str
    address: str
    head_name: str
    member_count: int


class HouseholdSearchOut(Schema):
    field: str
    page: int
    has_next: bool
    # True when the search stopped before filling the page: too many people match in other
    # places. Narrow the query (a longer name, more initials).
    truncated: bool
    results: list[HouseholdSummaryOut]


class HouseholdOut(Schema):
    id: uuid.UUID
    number: str
    division_path: list[str]
    address: str
    phone: str
    status: str
    members: list[MemberOut]


class AddressIn(Schema):
    road: str = Field(default="", max_length=64)
    door_number: str = Field(default="", max_length=16)
    estate: str = Field(default="", max_length=64)
    building: str = Field(default="", max_length=16)
    unit: str = Field(default="", max_length=16)
    room: str = Field(default="", max_length=16)
    group: str = Field(default="", max_length=16)


class HouseholdIn(Schema):
    village_code: int
    number: str = Field(max_length=32)
    phone: str = Field(default="", max_length=20)
    address: AddressIn


class PersonIn(Schema):
    name: str = Field(max_length=64)
    id_type: IdType = IdType.RESIDENT_ID
    id_number: str = Field(default="", max_length=32)
    phone: str = Field(default="", max_length=20)
    relation: Relation


class PersonPatch(Schema):
    name: str | None = Field(default=None, max_length=64)
    id_type: IdType | None = None
    id_number: str | None = Field(default=None, max_length=32)
    phone: str | None = Field(default=None, max_length=20)
    status: PersonStatus | None = None


class ImportOut(Schema):
    imported: int


class RevealOut(Schema):
    id_number: str
