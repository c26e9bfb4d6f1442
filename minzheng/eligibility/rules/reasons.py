"""Reason codes: stable identifiers for every condition a programme checks.

Formulas return the reasons of each household as a bit set (one int per household), so that
explaining a million determinations costs no Python loop; ``decode`` turns a bit set back into
the ordered codes of one result. Codes are public (results, API, stored determinations): never
rename one, only add.
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray

REASON_CODES: tuple[str, ...] = (
    "no_resident_member",
    "covered_by_tekun",
    "all_without_labour_capacity",
    "member_with_labour_capacity",
    "all_incomes_below_standard",
    "member_income_not_below_standard",
    "no_capable_supporter",
    "has_capable_supporter",
    "income_below_standard",
    "income_not_below_standard",
    "income_below_edge_line",
    "income_not_below_edge_line",
    "severe_condition_member",
    "no_severe_condition_member",
    "income_below_disposable_income",
    "income_not_below_disposable_income",
    "income_after_rigid_below_standard",
    "income_after_rigid_not_below_standard",
    "assets_pass",
    "financial_assets_over_limit",
    "vehicle_over_cap",
    "dwellings_over_limit",
)
# The bit sets live in OpenFisca int variables (int32): 31 codes at most.
assert len(REASON_CODES) <= 31  # noqa: S101

BIT: dict[str, int] = {code: 1 << index for index, code in enumerate(REASON_CODES)}


def decode(bits: int) -> list[str]:
    """The codes set in ``bits``, in the order of ``REASON_CODES`` (the order conditions read)."""
    return [code for code in REASON_CODES if bits & BIT[code]]


def condition_bits(holds: ArrayLike, pass_code: str, fail_code: str) -> NDArray[np.int64]:
    """One condition's reason, per household: ``pass_code`` where it holds, else ``fail_code``."""
    return np.where(holds, BIT[pass_code], BIT[fail_code])
