"""Conditions several programmes share, with the reason bits that explain them."""

import numpy as np
from numpy.typing import NDArray

from minzheng.eligibility.rules.reasons import BIT, condition_bits


def assets_reason_bits(household, period) -> NDArray[np.int64]:  # type: ignore[no-untyped-def]
    """``assets_pass``, or every asset test that failed."""
    financial = household("financial_assets_pass", period)
    vehicle = household("vehicle_pass", period)
    dwelling = household("dwellings_pass", period)
    passed = financial * vehicle * dwelling
    return (
        np.where(passed, BIT["assets_pass"], 0)
        + np.where(financial, 0, BIT["financial_assets_over_limit"])
        + np.where(vehicle, 0, BIT["vehicle_over_cap"])
        + np.where(dwelling, 0, BIT["dwellings_over_limit"])
    )


def standard_income_bits(household, period, *, pass_when_below: bool) -> NDArray[np.int64]:  # type: ignore[no-untyped-def]
    below = household("income_below_standard", period)
    if pass_when_below:
        return condition_bits(below, "income_below_standard", "income_not_below_standard")
    return condition_bits(~below, "income_not_below_standard", "income_below_standard")


def judged_bits(
    household, period, bits: NDArray[np.int64], *, after_tekun: bool
) -> NDArray[np.int64]:  # type: ignore[no-untyped-def]
    """The reasons to report: an empty household, then 特困 precedence, then ``bits``."""
    result = np.where(household("has_residents", period), bits, BIT["no_resident_member"])
    if after_tekun:
        result = np.where(household("tekun_eligible", period), BIT["covered_by_tekun"], result)
    return result


def edge_bits(household, period) -> NDArray[np.int64]:  # type: ignore[no-untyped-def]
    """What 低边 and 单人保 both require: h ≥ S, h below the edge line, assets that pass."""
    return (
        standard_income_bits(household, period, pass_when_below=False)
        + condition_bits(
            household("income_below_edge_line", period),
            "income_below_edge_line",
            "income_not_below_edge_line",
        )
        + assets_reason_bits(household, period)
    )
