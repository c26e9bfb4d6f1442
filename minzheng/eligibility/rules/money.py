"""Exact money arithmetic on numpy arrays.

Money is held as whole cents in float64 arrays: integers up to 2**53 are exact there, so sums,
comparisons and the divisions below never drift (ceil(1145 × 2 − 1700.00) is 590, not 591).
Ratios (1.5, 0.6) are held as integers of ten-thousandths for the same reason.
"""

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

RATIO_SCALE = 10_000


def cents(yuan: Array | float) -> Array:
    """Yuan (as entered, two decimals) to whole cents."""
    return np.round(np.asarray(yuan, dtype=np.float64) * 100)


def ratio_units(ratio: Array | float) -> Array:
    """A ratio such as 1.5 as a whole number of ten-thousandths (15000)."""
    return np.round(np.asarray(ratio, dtype=np.float64) * RATIO_SCALE)


def ceil_div(numerator: Array, denominator: float) -> Array:
    """Ceiling of an exact integer division of whole-number arrays."""
    return -np.floor_divide(-numerator, denominator)


def yuan_ceil(amount_cents: Array) -> Array:
    """Whole yuan, rounded up: the spec's amounts are ceil() of the exact sum."""
    return ceil_div(amount_cents, 100)
