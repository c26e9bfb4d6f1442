import datetime as dt
import itertools

import factory
from minzheng_pipeline.identifiers import check_char
from minzheng_pipeline.names import name_initials

from minzheng.addresses.models import StandardAddress
from minzheng.divisions.models import Division
from minzheng.registry.enums import Relation
from minzheng.registry.models import Household, Membership, Person

SONGFENG = 330482001034
_sequence = itertools.count(1)


def resident_id(born: dt.date = dt.date(1950, 3, 1), *, male: bool = True) -> str:
    """A checksum-valid number; sequence codes 9xx are never issued to real people here."""
    serial = 900 + next(_sequence) % 50 * 2 + (1 if male else 0)
    first17 = f"330482{born:%Y%m%d}{serial:03d}"
    return first17 + check_char(first17)


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandardAddress

    division = factory.LazyFunction(lambda: Division.objects.get(code=SONGFENG))
    road = "新华路"
    door_number = factory.Sequence(lambda n: str(n + 1))
    full_text = factory.LazyAttribute(lambda a: f"当湖街道松枫社区{a.road}{a.door_number}号")
    is_synthetic = True


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    number = factory.Sequence(lambda n: f"T{n:010d}")
    division = factory.LazyFunction(lambda: Division.objects.get(code=SONGFENG))
    address = factory.SubFactory(AddressFactory, division=factory.SelfAttribute("..division"))
    phone = factory.Sequence(lambda n: f"1700000{n:04d}")
    is_synthetic = True


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Iterator(["张伟", "王芳", "李娜", "曾国平", "刘洋"])
    name_initials = factory.LazyAttribute(lambda p: name_initials(p.name))
    id_number = factory.LazyFunction(resident_id)
    birth_date = dt.date(1950, 3, 1)
    gender = "male"
    phone = factory.Sequence(lambda n: f"1710000{n:04d}")
    is_synthetic = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    household = factory.SubFactory(HouseholdFactory)
    person = factory.SubFactory(PersonFactory)
    relation = Relation.HEAD
    started_on = dt.date(2020, 1, 1)


def household_with_members(size: int = 1, **household: object) -> Household:
    """A household whose first member is the head and the rest its children."""
    home = HouseholdFactory(**household)
    for index in range(size):
        MembershipFactory(household=home, relation=Relation.HEAD if index == 0 else Relation.CHILD)
    return home
