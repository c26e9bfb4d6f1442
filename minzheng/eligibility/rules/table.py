"""Cases as columns: the shape the rules evaluate in bulk.

A ``CaseTable`` holds one row per household and one per member, as numpy arrays, so a million
households go into OpenFisca without a Python object per household. The JSON adapter
(``minzheng.eligibility.case_input``) and the registry snapshot both build one.
"""

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from minzheng.eligibility.rules.variables.inputs import DisabilityKind, ResidenceStatus

RESIDENCE_STATUS_INDEX: dict[str, int] = {item.name: item.index for item in ResidenceStatus}
DISABILITY_KIND_INDEX: dict[str, int] = {item.name: item.index for item in DisabilityKind}


@dataclass(frozen=True)
class HouseholdColumns:
    case_id: NDArray[np.object_]
    region: NDArray[np.str_]
    as_of: NDArray[np.datetime64]  # datetime64[D]
    support_received_monthly: NDArray[np.float64]  # yuan, at most two decimals
    financial_assets: NDArray[np.float64]
    vehicle_value_max: NDArray[np.float64]  # dearest vehicle not used for a disability
    dwellings: NDArray[np.int32]
    rigid_expenditure_annual: NDArray[np.float64]
    has_capable_supporter: NDArray[np.bool_]
    # Set where the fact is 未核对: its column above then holds the most favourable value.
    financial_assets_unverified: NDArray[np.bool_]
    support_received_unverified: NDArray[np.bool_]
    has_capable_supporter_unverified: NDArray[np.bool_]


@dataclass(frozen=True)
class PersonColumns:
    household_index: NDArray[np.int64]  # row in HouseholdColumns; members of a case are adjacent
    member_id: NDArray[np.object_]
    birth_date: NDArray[np.datetime64]
    residence_status: NDArray[np.int16]  # ResidenceStatus index
    monthly_income: NDArray[np.float64]
    disability_grade: NDArray[np.int32]  # 0 = none
    disability_kind: NDArray[np.int16]  # DisabilityKind index
    serious_illness: NDArray[np.bool_]


@dataclass(frozen=True)
class CaseTable:
    households: HouseholdColumns
    persons: PersonColumns

    @property
    def household_count(self) -> int:
        return len(self.households.case_id)

    def take(self, rows: NDArray[np.int64]) -> "CaseTable":
        """The households at ``rows`` (ascending) and their members, renumbered."""
        households = HouseholdColumns(
            **{name: getattr(self.households, name)[rows] for name in _fields(HouseholdColumns)}
        )
        new_index = np.full(self.household_count, -1, dtype=np.int64)
        new_index[rows] = np.arange(len(rows))
        kept = new_index[self.persons.household_index] >= 0
        persons_fields = {
            name: getattr(self.persons, name)[kept] for name in _fields(PersonColumns)
        }
        persons_fields["household_index"] = new_index[self.persons.household_index[kept]]
        return CaseTable(households, PersonColumns(**persons_fields))


def _fields(columns: type) -> tuple[str, ...]:
    return tuple(field.name for field in fields(columns))


def table_save(table: CaseTable, path: Path, **extra: NDArray[Any]) -> None:
    """Write ``table`` (and ``extra`` arrays) to one compressed ``.npz`` file, without pickle."""
    arrays: dict[str, NDArray[Any]] = {}
    for prefix, columns in (("h_", table.households), ("p_", table.persons)):
        for name in _fields(type(columns)):
            column = getattr(columns, name)
            arrays[prefix + name] = column.astype(np.str_) if column.dtype == object else column
    for name, column in extra.items():
        arrays["x_" + name] = column
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        np.savez_compressed(handle, **arrays)  # type: ignore[arg-type]


def table_load(path: Path) -> tuple[CaseTable, dict[str, NDArray[Any]]]:
    """A table written by ``table_save`` and its extra arrays."""
    with np.load(path, allow_pickle=False) as stored:
        arrays = {name: stored[name] for name in stored.files}

    def columns(kind: type, prefix: str) -> dict[str, NDArray[Any]]:
        result = {}
        for name in _fields(kind):
            if prefix + name not in arrays and name in _FLAGS_ADDED_LATER:
                # A snapshot stored before the column existed: nothing was marked unverified.
                arrays[prefix + name] = np.zeros(len(arrays["h_case_id"]), dtype=bool)
            column = arrays[prefix + name]
            result[name] = column.astype(object) if name in _TEXT_AS_OBJECT else column
        return result

    table = CaseTable(
        HouseholdColumns(**columns(HouseholdColumns, "h_")),
        PersonColumns(**columns(PersonColumns, "p_")),
    )
    extra = {name[2:]: column for name, column in arrays.items() if name.startswith("x_")}
    return table, extra


_TEXT_AS_OBJECT = frozenset({"case_id", "member_id"})
_FLAGS_ADDED_LATER = frozenset(
    {
        "financial_assets_unverified",
        "support_received_unverified",
        "has_capable_supporter_unverified",
    }
)
