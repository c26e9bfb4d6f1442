"""The approved case brought up to date with what the departments reported since (动态管理).

Pure functions over the spec's case dictionaries: no queries, so the sweep can prepare
thousands of cases and judge them in one vectorised evaluation.
"""

import copy
import datetime as dt
import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from minzheng.cases.enums import ReviewTrigger
from minzheng.cases.steps import SHIPPED
from minzheng.eligibility.contracts import CasePrefill

# Trigger precedence when several things changed: the most consequential is named.
_ORDER = (
    ReviewTrigger.DEATH,
    ReviewTrigger.COMPOSITION,
    ReviewTrigger.INCOME,
    ReviewTrigger.ASSETS,
)
# Financial assets too once the banks answer for every member again (a new 核对 query).
_HOUSEHOLD_PATHS = (
    "assets.financial",
    "assets.vehicles",
    "assets.dwellings",
    "rigid_expenditure_annual",
)
_SEVERE_GRADE_3 = frozenset({"intellectual", "mental"})


@dataclass(frozen=True)
class CaseUpdate:
    case: dict[str, object]
    trigger: ReviewTrigger | None  # None: nothing reported since the approved case
    changes: list[dict[str, object]] = field(default_factory=list)
    work_income_rose: bool = False


def _age(birth_date: object, as_of: dt.date) -> int:
    born = dt.date.fromisoformat(str(birth_date))
    return as_of.year - born.year - ((as_of.month, as_of.day) < (born.month, born.day))


def _can_work(member: Mapping[str, object], as_of: dt.date) -> bool:
    if not 16 <= _age(member["birth_date"], as_of) < 60:
        return False
    grade = member.get("disability_grade") or 0
    severe = grade in (1, 2) or (grade == 3 and member.get("disability_kind") in _SEVERE_GRADE_3)
    return not severe


def review_months(case: Mapping[str, object], as_of: dt.date) -> int:
    """6 months when someone could earn (income may change), else 12 (``rule_values.yaml``)."""
    members: list[Mapping[str, object]] = case.get("members", [])  # type: ignore[assignment]
    resident = [m for m in members if m.get("status", "resident") == "resident"]
    if any(_can_work(member, as_of) for member in resident):
        return SHIPPED.integer("review_months.unstable")
    return SHIPPED.integer("review_months.stable")


def _newer(prefill: CasePrefill, path: str, since: dt.date) -> bool:
    day = prefill.source_dates.get(path)
    return day is not None and day > since


def _get(case: Mapping[str, object], path: str) -> object:
    node: object = case
    for part in path.split("."):
        node = node[part]  # type: ignore[index]
    return node


def _set(case: dict[str, object], path: str, value: object) -> None:
    *parents, last = path.split(".")
    node: dict[str, object] = case
    for part in parents:
        node = node.setdefault(part, {})  # type: ignore[assignment]
    node[last] = value


def case_update(
    *,
    approved: Mapping[str, object],
    since: dt.date,
    prefill: CasePrefill | None,
    deceased: Collection[uuid.UUID],
    as_of: dt.date,
) -> CaseUpdate:
    """``approved`` with the departments' newer facts, and what changed.

    Values the household declared (support, an able supporter, financial assets the banks did
    not answer for) stay as approved; a department's value replaces the approved one only when
    its data date is after ``since`` (the approved case's date) and it differs.
    """
    case: dict[str, object] = copy.deepcopy(dict(approved))
    case["as_of"] = as_of.isoformat()
    if prefill is None:
        return _without_snapshot(case, deceased)
    now_members: list[Mapping[str, object]] = prefill.case["members"]  # type: ignore[assignment]
    current = {str(m["id"]): (i, m) for i, m in enumerate(now_members)}
    changes: list[dict[str, object]] = []
    work_income_rose = False
    members = []
    for member in approved.get("members", []):  # type: ignore[attr-defined]
        member_id = str(member["id"])
        if member_id not in current:
            died = uuid.UUID(member_id) in deceased
            trigger = ReviewTrigger.DEATH if died else ReviewTrigger.COMPOSITION
            changes.append({"trigger": trigger.value, "relation": member.get("relation", "")})
            continue
        position, now_member = current[member_id]
        updated = dict(member)
        path = f"members[{position}].monthly_income"
        before = Decimal(str(member.get("monthly_income", 0)))
        after = Decimal(str(now_member["monthly_income"]))
        if _newer(prefill, path, since) and after != before:
            updated["monthly_income"] = now_member["monthly_income"]
            changes.append(
                {
                    "trigger": ReviewTrigger.INCOME.value,
                    "relation": member.get("relation", ""),
                    "before": str(before),
                    "after": str(after),
                }
            )
            work_income_rose |= after > before and _can_work(member, as_of)
        members.append(updated)
    approved_ids = {str(m["id"]) for m in approved.get("members", [])}  # type: ignore[attr-defined]
    for member_id, (_position, now_member) in current.items():
        if member_id not in approved_ids:
            members.append(dict(now_member))
            changes.append(
                {
                    "trigger": ReviewTrigger.COMPOSITION.value,
                    "relation": now_member.get("relation", ""),
                }
            )
    case["members"] = members
    for path in _HOUSEHOLD_PATHS:
        value = _get(prefill.case, path)
        if _newer(prefill, path, since) and value != _get(case, path):
            changes.append(
                {
                    "trigger": ReviewTrigger.ASSETS.value,
                    "field": path,
                    "before": _get(case, path),
                    "after": value,
                }
            )
            _set(case, path, value)
    triggered = {change["trigger"] for change in changes}
    first = next((t for t in _ORDER if t.value in triggered), None)
    return CaseUpdate(case, first, changes, work_income_rose)


def _without_snapshot(case: dict[str, object], deceased: Collection[uuid.UUID]) -> CaseUpdate:
    """No living member is left in the registry, or the household cannot be read from it.

    Only deaths are certain then; anything else waits for the registry to be put right.
    """
    members: list[Mapping[str, object]] = case.get("members", [])  # type: ignore[assignment]
    died = [m for m in members if uuid.UUID(str(m["id"])) in deceased]
    if not died:
        return CaseUpdate(case, None)
    case["members"] = [m for m in members if m not in died]
    changes: list[dict[str, object]] = [
        {"trigger": ReviewTrigger.DEATH.value, "relation": m.get("relation", "")} for m in died
    ]
    return CaseUpdate(case, ReviewTrigger.DEATH, changes)
