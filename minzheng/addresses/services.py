"""Composing canonical address strings from their parts."""

from minzheng.divisions.models import Division


def address_compose(
    *,
    township: Division,
    village: Division,
    road: str = "",
    door_number: str = "",
    estate: str = "",
    building: str = "",
    unit: str = "",
    room: str = "",
    group: str = "",
) -> str:
    """The canonical text: 镇街 + 村社 + (组) + 路/自然村 + 号 + 小区 + 幢 + 单元 + 室."""
    parts = [township.name, village.name]
    if group:
        parts.append(f"{group}组")
    parts.append(road)
    if door_number:
        parts.append(f"{door_number}号")
    parts.append(estate)
    if building:
        parts.append(f"{building}幢")
    if unit:
        parts.append(f"{unit}单元")
    if room:
        parts.append(f"{room}室")
    return "".join(parts)
