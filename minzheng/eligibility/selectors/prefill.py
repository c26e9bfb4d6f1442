"""One household's case for 核对, filled from the departments' data with its sources."""

import datetime as dt
import uuid

import numpy as np

from minzheng.eligibility.contracts import CasePrefill
from minzheng.eligibility.rules.table import DISABILITY_KIND_INDEX
from minzheng.eligibility.selectors.snapshot import FactSource, registry_snapshot

_KIND_NAMES = {index: name for name, index in DISABILITY_KIND_INDEX.items()}


def _label(source: FactSource, row: int) -> str | None:
    day = source.as_of[row]
    if np.isnat(day):
        return None
    return f"{source.department.label} {day}"


def household_case_prefill(*, household_id: uuid.UUID, as_of: dt.date) -> CasePrefill:
    """The household as a case in the spec's input format, and where each value came from.

    Values no department reports (financial assets, support received, an able supporter
    elsewhere, serious illness) are left at 0 / false without a source: the caseworker confirms
    or enters them. A household outside the rule set's regions, or with a member whose birth
    date is unknown, comes back with no members; the caseworker completes it.
    """
    snapshot = registry_snapshot(as_of=as_of, household_ids=[household_id])
    table = snapshot.table
    sources: dict[str, str] = {}
    if table.household_count == 0:
        return CasePrefill(
            case={"case_id": str(household_id), "as_of": as_of.isoformat(), "members": []}
        )
    households, persons = table.households, table.persons
    members: list[dict[str, object]] = []
    for row in range(len(persons.member_id)):
        path = f"members[{row}]"
        grade = int(persons.disability_grade[row])
        members.append(
            {
                "id": persons.member_id[row],
                "relation": snapshot.relations[row],
                "birth_date": str(persons.birth_date[row]),
                "status": "resident",
                "monthly_income": float(persons.monthly_income[row]),
                "disability_grade": grade or None,
                "disability_kind": _KIND_NAMES[int(persons.disability_kind[row])]
                if grade
                else None,
                "serious_illness": False,
            }
        )
        for fact, keys in (
            ("monthly_income", ("monthly_income",)),
            ("disability", ("disability_grade", "disability_kind")),
        ):
            label = _label(snapshot.sources[fact], row)
            if label:
                for key in keys:
                    sources[f"{path}.{key}"] = label
    vehicle_value = float(households.vehicle_value_max[0])
    case: dict[str, object] = {
        "case_id": str(household_id),
        "region": str(households.region[0]),
        "as_of": as_of.isoformat(),
        "members": members,
        "support_received_monthly": 0,
        "assets": {
            "financial": 0,
            "vehicles": [{"value": vehicle_value, "for_disability": False}]
            if vehicle_value
            else [],
            "dwellings": int(households.dwellings[0]),
        },
        "rigid_expenditure_annual": float(households.rigid_expenditure_annual[0]),
        "has_capable_supporter": False,
    }
    for fact, path in (
        ("rigid_expenditure_annual", "rigid_expenditure_annual"),
        ("dwellings", "assets.dwellings"),
        ("vehicles", "assets.vehicles"),
    ):
        label = _label(snapshot.sources[fact], 0)
        if label:
            sources[path] = label
    return CasePrefill(case=case, sources=sources)
