"""Merged department records for the 核对报告 tests, written straight to the tables."""

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

import factory

from minzheng.integration.departments import SPECS
from minzheng.integration.enums import Department, ImportStatus, ValueType
from minzheng.integration.models import DataItem, FeedImport, SourceRecord
from minzheng.registry.models import Person
from minzheng.registry.tests.factories import PersonFactory

AS_OF = dt.date(2025, 6, 30)
GENDER_WRITTEN = {"male": "男", "female": "女"}  # how the feeds write it


class FeedImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedImport
        django_get_or_create = ("department", "as_of")

    department = Department.POLICE
    as_of = AS_OF
    file_name = factory.LazyAttribute(lambda f: f"{f.department}-{f.as_of:%Y%m%d}.csv")
    file_digest = factory.Sequence(lambda n: f"{n:064x}")
    status = ImportStatus.MERGED


class SourceRecordFactory(factory.django.DjangoModelFactory):
    """A record about ``person`` whose linkage fields agree with the registry."""

    class Meta:
        model = SourceRecord

    person = factory.SubFactory(PersonFactory)
    department = Department.POLICE
    record_id = factory.Sequence(lambda n: f"SR{n:07d}")
    as_of = AS_OF
    feed_import = factory.SubFactory(
        FeedImportFactory,
        department=factory.SelfAttribute("..department"),
        as_of=factory.SelfAttribute("..as_of"),
    )
    name = factory.LazyAttribute(lambda r: r.person.name)
    id_number = factory.LazyAttribute(lambda r: r.person.id_number)
    gender = factory.LazyAttribute(lambda r: GENDER_WRITTEN.get(r.person.gender, ""))
    birth_date = factory.LazyAttribute(lambda r: r.person.birth_date)
    match_probability = 0.99
    digest = factory.Sequence(lambda n: f"{n:040x}")


class DataItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataItem

    source_record = factory.SubFactory(SourceRecordFactory)
    key = "relation"
    value_type = ValueType.TEXT
    text = ""
    number = None


def source_record(
    person: Person,
    department: Department,
    items: Mapping[str, object] | None = None,
    **fields: object,
) -> SourceRecord:
    """A record with its items typed as the department's spec says (numbers as Decimal)."""
    record: SourceRecord = SourceRecordFactory(person=person, department=department, **fields)
    spec = SPECS[department]
    for key, value in (items or {}).items():
        value_type = spec.item(key).value_type
        if value_type == ValueType.TEXT:
            DataItemFactory(source_record=record, key=key, value_type=value_type, text=str(value))
        else:
            DataItemFactory(
                source_record=record, key=key, value_type=value_type, number=Decimal(str(value))
            )
    return record
