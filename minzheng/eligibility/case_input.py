"""Reading cases in the spec's JSON format into a ``CaseTable``, naming every bad field.

A malformed case becomes a ``CaseError`` naming the case and the field, in Chinese; the other
cases are still evaluated. Money must be a number ≥ 0 with at most two decimals, so that the
sum of members' incomes in cents is exactly the spec's "I rounded to 0.01".

``null`` for financial assets, support received or an able supporter means 未核对: no
department reported it and nobody declared it. It is not 0 or false: the programmes that read
it come back 待核对 with the fact named (``minzheng.eligibility.rules.facts``). A field left out
keeps the spec's default (0 / false), as cases written before 未核对 existed expect.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

import numpy as np
from django.utils.translation import gettext as _

from minzheng.eligibility.rules.regions import REGIONS
from minzheng.eligibility.rules.table import (
    DISABILITY_KIND_INDEX,
    RESIDENCE_STATUS_INDEX,
    CaseTable,
    HouseholdColumns,
    PersonColumns,
)

_CENT = Decimal("0.01")


@dataclass(frozen=True)
class CaseError:
    index: int
    case_id: object
    field: str
    message: str

    def as_result(self) -> dict[str, object]:
        return {"case_id": self.case_id, "error": {"field": self.field, "message": self.message}}


class _Invalid(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(field)
        self.field = field
        self.message = message


@dataclass
class _Columns:
    households: dict[str, list[object]] = field(
        default_factory=lambda: {name: [] for name in HouseholdColumns.__dataclass_fields__}
    )
    persons: dict[str, list[object]] = field(
        default_factory=lambda: {name: [] for name in PersonColumns.__dataclass_fields__}
    )


def cases_read(cases: Sequence[object]) -> tuple[CaseTable, list[int], list[CaseError]]:
    """The valid cases as a table, the input position of each table row, and the errors."""
    columns = _Columns()
    positions: list[int] = []
    errors: list[CaseError] = []
    for index, case in enumerate(cases):
        case_id = case.get("case_id") if isinstance(case, Mapping) else None
        try:
            household, members = _read_case(case)
        except _Invalid as invalid:
            errors.append(CaseError(index, case_id, invalid.field, invalid.message))
            continue
        row = len(positions)
        positions.append(index)
        for name, value in household.items():
            columns.households[name].append(value)
        for member in members:
            for name, value in member.items():
                columns.persons[name].append(value)
            columns.persons["household_index"].append(row)
    return _table(columns), positions, errors


def _table(columns: _Columns) -> CaseTable:
    h, p = columns.households, columns.persons
    households = HouseholdColumns(
        case_id=np.array(h["case_id"], dtype=object),
        region=np.array(h["region"], dtype="U6"),
        as_of=np.array(h["as_of"], dtype="datetime64[D]"),
        support_received_monthly=np.array(h["support_received_monthly"], dtype=np.float64),
        financial_assets=np.array(h["financial_assets"], dtype=np.float64),
        vehicle_value_max=np.array(h["vehicle_value_max"], dtype=np.float64),
        dwellings=np.array(h["dwellings"], dtype=np.int32),
        rigid_expenditure_annual=np.array(h["rigid_expenditure_annual"], dtype=np.float64),
        has_capable_supporter=np.array(h["has_capable_supporter"], dtype=bool),
        financial_assets_unverified=np.array(h["financial_assets_unverified"], dtype=bool),
        support_received_unverified=np.array(h["support_received_unverified"], dtype=bool),
        has_capable_supporter_unverified=np.array(
            h["has_capable_supporter_unverified"], dtype=bool
        ),
    )
    persons = PersonColumns(
        household_index=np.array(p["household_index"], dtype=np.int64),
        member_id=np.array(p["member_id"], dtype=object),
        birth_date=np.array(p["birth_date"], dtype="datetime64[D]"),
        residence_status=np.array(p["residence_status"], dtype=np.int16),
        monthly_income=np.array(p["monthly_income"], dtype=np.float64),
        disability_grade=np.array(p["disability_grade"], dtype=np.int32),
        disability_kind=np.array(p["disability_kind"], dtype=np.int16),
        serious_illness=np.array(p["serious_illness"], dtype=bool),
    )
    return CaseTable(households, persons)


def _read_case(case: object) -> tuple[dict[str, object], list[dict[str, object]]]:
    if not isinstance(case, Mapping):
        raise _Invalid("", _("每个案例应是一个 JSON 对象"))
    case_id = case.get("case_id")
    if not isinstance(case_id, str | int) or isinstance(case_id, bool) or str(case_id) == "":
        raise _Invalid("case_id", _("缺少案例编号 case_id"))
    region = str(case.get("region", ""))
    if region not in REGIONS:
        raise _Invalid(
            "region",
            _("行政区划 %(region)s 没有参数；可用：%(known)s")
            % {"region": region or "（空）", "known": "、".join(REGIONS)},
        )
    as_of = _date(case.get("as_of"), "as_of")
    assets = case.get("assets", {})
    if not isinstance(assets, Mapping):
        raise _Invalid("assets", _("资产 assets 应是一个 JSON 对象"))
    supporter = case.get("has_capable_supporter", False)
    household: dict[str, object] = {
        "case_id": case_id,
        "region": region,
        "as_of": as_of,
        "support_received_monthly": _money(case, "support_received_monthly"),
        "financial_assets": _money(assets, "financial", path="assets.financial"),
        "vehicle_value_max": _vehicle_value_max(assets.get("vehicles", [])),
        "dwellings": _count(assets.get("dwellings", 0), "assets.dwellings"),
        "rigid_expenditure_annual": _money(case, "rigid_expenditure_annual"),
        "has_capable_supporter": supporter is not None
        and _flag(supporter, "has_capable_supporter"),
        "financial_assets_unverified": _unverified(assets, "financial"),
        "support_received_unverified": _unverified(case, "support_received_monthly"),
        "has_capable_supporter_unverified": _unverified(case, "has_capable_supporter"),
    }
    members = case.get("members")
    if not isinstance(members, list):
        raise _Invalid("members", _("家庭成员 members 应是一个列表"))
    seen: set[str] = set()
    read = [_read_member(member, f"members[{i}]", as_of, seen) for i, member in enumerate(members)]
    return household, read


def _read_member(member: object, path: str, as_of: date, seen: set[str]) -> dict[str, object]:
    if not isinstance(member, Mapping):
        raise _Invalid(path, _("家庭成员应是一个 JSON 对象"))
    member_id = member.get("id")
    if not isinstance(member_id, str | int) or isinstance(member_id, bool) or str(member_id) == "":
        raise _Invalid(f"{path}.id", _("缺少成员编号 id"))
    if str(member_id) in seen:
        raise _Invalid(f"{path}.id", _("成员编号 %(id)s 重复") % {"id": member_id})
    seen.add(str(member_id))
    birth_date = _date(member.get("birth_date"), f"{path}.birth_date")
    if birth_date > as_of:
        raise _Invalid(f"{path}.birth_date", _("出生日期晚于判定日期 as_of"))
    status = member.get("status", "resident")
    if status not in RESIDENCE_STATUS_INDEX:
        raise _Invalid(
            f"{path}.status",
            _("居住状态应为 %(known)s 之一") % {"known": "、".join(RESIDENCE_STATUS_INDEX)},
        )
    if "monthly_income" not in member:
        raise _Invalid(f"{path}.monthly_income", _("缺少月收入 monthly_income（没有收入请填 0）"))
    grade = member.get("disability_grade")
    if grade is not None and (
        not isinstance(grade, int) or isinstance(grade, bool) or not 1 <= grade <= 4
    ):
        raise _Invalid(f"{path}.disability_grade", _("残疾等级应为 1–4 或 null"))
    kind = member.get("disability_kind")
    kinds = [name for name in DISABILITY_KIND_INDEX if name != "none"]
    if kind is not None and kind not in kinds:
        raise _Invalid(
            f"{path}.disability_kind",
            _("残疾类别应为 %(known)s 之一或 null") % {"known": "、".join(kinds)},
        )
    return {
        "member_id": str(member_id),
        "birth_date": birth_date,
        "residence_status": RESIDENCE_STATUS_INDEX[str(status)],
        "monthly_income": _money(member, "monthly_income", path=f"{path}.monthly_income"),
        "disability_grade": grade or 0,
        "disability_kind": DISABILITY_KIND_INDEX[kind or "none"],
        "serious_illness": _flag(member.get("serious_illness", False), f"{path}.serious_illness"),
    }


def _unverified(source: Mapping[str, object], key: str) -> bool:
    """Present and null: the fact is 未核对 (a missing key keeps the spec's default)."""
    return key in source and source[key] is None


def _vehicle_value_max(vehicles: object) -> float:
    """The dearest vehicle that is not for a disability (0 without one): the asset test's input."""
    if not isinstance(vehicles, list):
        raise _Invalid("assets.vehicles", _("车辆 vehicles 应是一个列表"))
    dearest = 0.0
    for i, vehicle in enumerate(vehicles):
        path = f"assets.vehicles[{i}]"
        if not isinstance(vehicle, Mapping):
            raise _Invalid(path, _("每辆车应是一个 JSON 对象"))
        value = _money(vehicle, "value", path=f"{path}.value", required=True)
        if not _flag(vehicle.get("for_disability", False), f"{path}.for_disability"):
            dearest = max(dearest, value)
    return dearest


def _money(
    source: Mapping[str, object], key: str, *, path: str | None = None, required: bool = False
) -> float:
    path = path or key
    raw = source.get(key)
    if raw is None:
        if required:
            raise _Invalid(path, _("缺少金额"))
        return 0.0
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal | str):
        raise _Invalid(path, _("金额应为数字"))
    try:
        amount = Decimal(str(raw))
    except InvalidOperation:
        raise _Invalid(path, _("金额应为数字")) from None
    if not amount.is_finite() or amount < 0:
        raise _Invalid(path, _("金额应为不小于 0 的数字"))
    if amount != amount.quantize(_CENT):
        raise _Invalid(path, _("金额最多保留两位小数"))
    return float(amount)


def _count(raw: object, path: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        raise _Invalid(path, _("应为不小于 0 的整数"))
    return raw


def _flag(raw: object, path: str) -> bool:
    if not isinstance(raw, bool):
        raise _Invalid(path, _("应为 true 或 false"))
    return raw


def _date(raw: object, path: str) -> date:
    try:
        if isinstance(raw, str):
            return date.fromisoformat(raw)
    except ValueError:
        pass
    raise _Invalid(path, _("日期应为 YYYY-MM-DD 格式"))
