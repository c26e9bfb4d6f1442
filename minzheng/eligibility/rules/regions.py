"""Parameters are keyed by region code; each household is judged with its region's values."""

import numpy as np
from numpy.typing import NDArray

# Regions the shipped parameters cover. A case from elsewhere is refused, not judged with
# another region's standard.
REGIONS: dict[str, str] = {"330500": "湖州市", "330482": "平湖市"}
REGION_CODES: tuple[str, ...] = tuple(REGIONS)


def region_indices(codes: NDArray[np.bytes_] | NDArray[np.str_]) -> NDArray[np.int64]:
    """Each code's position in ``REGION_CODES`` (-1 when unknown), without a per-row loop."""
    indices = np.full(len(codes), -1, dtype=np.int64)
    as_bytes = codes.astype("S6")
    for position, code in enumerate(REGION_CODES):
        indices[as_bytes == code.encode()] = position
    return indices


def regional(node, household, period) -> NDArray[np.float64]:  # type: ignore[no-untyped-def]
    """A region-keyed parameter's value for each household.

    OpenFisca's own vectorial lookup (``node[region_array]``) walks the array in Python,
    seconds per parameter for a million households; a table of a few regions indexed by
    position costs one numpy take.
    """
    values = np.array([float(node[code]) for code in REGION_CODES])
    picked: NDArray[np.float64] = values[household("region_index", period)]
    return picked
