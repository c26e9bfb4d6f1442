import factory

from minzheng.addresses.enums import AliasMethod
from minzheng.addresses.models import AddressAlias, StandardAddress
from minzheng.addresses.services import address_get_or_create
from minzheng.divisions.models import Division

DANGHU = 330482001000  # 当湖街道
DONGHU = 330482001021  # 东湖社区, in 当湖街道
ZHAPU = 330482101000  # 乍浦镇
TIANFEI = 330482101025  # 天妃社区, in 乍浦镇
XINCANG = 330482103000  # 新仓镇
YOULIAN = 330482103217  # 友联村, in 新仓镇


def standard_address(village: int, **parts: str) -> StandardAddress:
    """A standard address composed the way every loader composes one."""
    division = Division.objects.select_related("parent").get(code=village)
    return address_get_or_create(village=division, parts=parts, is_synthetic=True)


def donghu_flat(unit: str = "2", room: str = "301") -> StandardAddress:
    """当湖街道东湖社区人民路12号东湖苑3幢<unit>单元<room>室."""
    return standard_address(
        DONGHU, road="人民路", door_number="12", estate="东湖苑", building="3", unit=unit, room=room
    )


class AddressAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AddressAlias

    raw_text = factory.Sequence(lambda n: f"无名路{n + 1}号")
    source = "police"
    method = AliasMethod.MATCHER
    township_id = DANGHU
    occurrences = 1
