"""Households as cases for 核对, filled from the departments' data with their sources."""

import datetime as dt
import uuid
from collections.abc import Collection

import numpy as np

from minzheng.eligibility.contracts import CasePrefill
from minzheng.eligibility.rules.table import DISABILITY_KIND_INDEX
from minzheng.eligibility.selectors.snapshot import (
    FactSource,
    RegistrySnapshot,
    registry_snapshot,
)

_KIND_NAMES = {index: name for name, index in DISABILITY_KIND_INDEX.items()}
_PERSON_FACTS = (
    ("monthly_income", ("monthly_income",)),
    ("disability", ("disability_grade", "disability_kind")),
)
_HOUSEHOLD_FACTS = (
    ("rigid_expenditure_annual", "rigid_expenditure_annual"),
    ("dwellings", "assets.dwellings"),
    ("vehicles", "assets.vehicles"),
    ("financial", "assets.financial"),
)


def household_case_prefill(*, household_id: uuid.UUID, as_of: dt.date) -> CasePrefill:
    """The household as a case in the spec's input format, and where each value came from.

    Facts no department has reported are ``None`` (未核对), never 0 or false: support received
    and an able supporter elsewhere always (no department holds them), financial assets unless
    the banks answered for every member. The rules leave what depends on them 待核对 until the
    caseworker records the household's declaration in 核对. Serious illness starts false: it
    only ever adds a programme, so assuming it away cannot grant anything. A household outside
    the rule set's regions, or with a member whose birth date is unknown, comes back with no
    members; the caseworker completes it.
    """
    snapshot = registry_snapshot(as_of=as_of, household_ids=[household_id])
    prefills = snapshot_case_prefills(snapshot=snapshot, as_of=as_of)
    return prefills.get(household_id) or CasePrefill(
        case={"case_id": str(household_id), "as_of": as_of.isoformat(), "members": []}
    )


def snapshot_case_prefills(
    *,
    snapshot: RegistrySnapshot,
    as_of: dt.date,
    household_ids: Collection[uuid.UUID] | None = None,
) -> dict[uuid.UUID, CasePrefill]:
    """The snapshot's households (or ``household_ids`` among them) as cases with sources."""
    wanted = None if household_ids is None else set(household_ids)
    households, persons = snapshot.table.households, snapshot.table.persons
    starts = np.searchsorted(persons.household_index, np.arange(households.case_id.shape[0] + 1))
    prefills: dict[uuid.UUID, CasePrefill] = {}
    for row, household_id in enumerate(snapshot.household_ids):
        if wanted is not None and household_id not in wanted:
            continue
        sources: dict[str, str] = {}
        dates: dict[str, dt.date] = {}
        members = []
        for position, person in enumerate(range(starts[row], starts[row + 1])):
            members.append(_member(snapshot, int(person)))
            for fact, keys in _PERSON_FACTS:
                for key in keys:
                    _cite(
                        snapshot.sources[fact],
                        int(person),
                        f"members[{position}].{key}",
                        sources,
                        dates,
                    )
        vehicle_value = float(households.vehicle_value_max[row])
        banks_answered = not np.isnat(snapshot.sources["financial"].as_of[row])
        case: dict[str, object] = {
            "case_id": str(household_id),
            "region": str(households.region[row]),
            "as_of": as_of.isoformat(),
            "members": members,
            "support_received_monthly": None,
            "assets": {
                "financial": float(households.financial_assets[row]) if banks_answered else None,
                "vehicles": (
                    [{"value": vehicle_value, "for_disability": False}] if vehicle_value else []
                ),
                "dwellings": int(households.dwellings[row]),
            },
            "rigid_expenditure_annual": float(households.rigid_expenditure_annual[row]),
            "has_capable_supporter": None,
        }
        for fact, path in _HOUSEHOLD_FACTS:
            _cite(snapshot.sources[fact], row, path, sources, dates)
        prefills[household_id] = CasePrefill(case=case, sources=sources, source_dates=dates)
    return prefills


def _member(snapshot: RegistrySnapshot, person: int) -> dict[str, object]:
    persons = snapshot.table.persons
    grade = int(persons.disability_grade[person])
    return {
        "id": persons.member_id[person],
        "relation": snapshot.relations[person],
        "birth_date": str(persons.birth_date[person]),
        "status": "resident",
        "monthly_income": float(persons.monthly_income[person]),
        "disability_grade": grade or None,
        "disability_kind": _KIND_NAMES[int(persons.disability_kind[person])] if grade else None,
        "serious_illness": False,
    }


def _cite(
    source: FactSource,
    row: int,
    path: str,
    sources: dict[str, str],
    dates: dict[str, dt.date],
) -> None:
    day = source.as_of[row]
    if np.isnat(day):
        return
    sources[path] = f"{source.department.label} {day}"
    dates[path] = day.astype(dt.date)
