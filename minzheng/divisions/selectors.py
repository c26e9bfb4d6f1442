from collections.abc import Iterable

from django.db.models import Q

from minzheng.divisions.codes import code_range
from minzheng.divisions.enums import DivisionLevel
from minzheng.divisions.models import Division


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


def division_get(code: int, *, level: DivisionLevel | None = None) -> Division | None:
    """The division with this code (and of this level, when given), or None."""
    divisions = Division.objects.filter(code=code)
    if level is not None:
        divisions = divisions.filter(level=level)
    return divisions.first()


def division_rows_within(
    *, ranges: Iterable[tuple[int, int]], levels: Iterable[DivisionLevel]
) -> list[tuple[int, str, int, int | None]]:
    """(code, name, level, parent code) of the divisions of ``levels`` inside any code range."""
    within = Q()
    for low, high in ranges:
        within |= Q(code__range=(low, high))
    if not within:
        return []
    rows = Division.objects.filter(within, level__in=list(levels))
    return list(rows.values_list("code", "name", "level", "parent_id"))


def division_names_within(*, low: int, high: int, level: DivisionLevel) -> list[tuple[int, str]]:
    """(code, name) of the divisions of ``level`` whose codes lie in [low, high], in code order."""
    rows = Division.objects.filter(level=level, code__range=(low, high)).order_by("code")
    return list(rows.values_list("code", "name"))


def divisions_within(*, code: int, level: DivisionLevel) -> list[Division]:
    """The divisions of ``level`` inside the division ``code`` (its 镇街, say), in code order."""
    parent = Division.objects.filter(code=code).first()
    if parent is None:
        return []
    return list(Division.objects.within(parent).filter(level=level).order_by("code"))


def division_root() -> Division | None:
    """The top of the shipped tree (the province), or None before the tree is loaded."""
    return Division.objects.filter(parent__isnull=True).order_by("code").first()
