"""Composing canonical address strings from their parts, and recording addresses."""

from collections.abc import Mapping
from typing import TYPE_CHECKING

from minzheng.addresses.models import StandardAddress

if TYPE_CHECKING:
    from minzheng.divisions.models import Division

ADDRESS_PARTS = ("road", "door_number", "estate", "building", "unit", "room", "group")


def address_compose(
    *,
    township: str,
    village: str,
    road: str = "",
    door_number: str = "",
    estate: str = "",
    building: str = "",
    unit: str = "",
    room: str = "",
    group: str = "",
) -> str:
    """The canonical text: 镇街 + 村社 + (组) + 路/自然村 + 号 + 小区 + 幢 + 单元 + 室.

    Takes names, not divisions, so bulk loaders can call it without a query per row.
    """
    return "".join(
        (
            township,
            village,
            f"{group}组" if group else "",
            road,
            f"{door_number}号" if door_number else "",
            estate,
            f"{building}幢" if building else "",
            f"{unit}单元" if unit else "",
            f"{room}室" if room else "",
        )
    )


def address_get_or_create(
    *, village: "Division", parts: Mapping[str, str], is_synthetic: bool = False
) -> StandardAddress:
    """The standard address with these parts on this village, created if new.

    Two records of the same door plate share one address: the canonical text is unique.
    """
    township = village.parent.name if village.parent else ""
    values = {field: parts.get(field, "").strip() for field in ADDRESS_PARTS}
    text = address_compose(township=township, village=village.name, **values)
    address, _ = StandardAddress.objects.get_or_create(
        full_text=text,
        defaults={"division": village, "is_synthetic": is_synthetic, **values},
    )
    return address
