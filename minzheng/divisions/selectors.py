from minzheng.divisions.enums import DivisionLevel
from minzheng.divisions.models import Division, code_range


def division_lineage(code: int) -> list[Division]:
    """The division and its ancestors, province first, in one query."""
    codes = {code_range(code, level)[0] for level in DivisionLevel.values if level <= 12}
    return [d for d in Division.objects.filter(code__in=codes) if d.contains(code)]


def village_get(code: int) -> Division | None:
    """The village or community with this 12-digit code, with its township loaded."""
    return (
        Division.objects.filter(code=code, level=DivisionLevel.VILLAGE)
        .select_related("parent")
        .first()
    )


def division_names(*, codes: list[int]) -> dict[int, str]:
    """Code → name for the given divisions, one query."""
    return dict(Division.objects.filter(code__in=codes).values_list("code", "name"))


def division_get(code: int) -> Division | None:
    return Division.objects.filter(code=code).first()


def divisions_within(*, code: int, level: DivisionLevel) -> list[Division]:
    """The divisions of ``level`` inside the division ``code`` (its 镇街, say), in code order."""
    parent = Division.objects.filter(code=code).first()
    if parent is None:
        return []
    return list(Division.objects.within(parent).filter(level=level).order_by("code"))
