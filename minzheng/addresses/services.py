"""Composing canonical address strings from their parts."""


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
