"""The one programme a household would be paid under, for costs and comparisons.

Programmes overlap (a 低边 family may also carry 单人保 members), but a household is paid under
one: 特困 first, then 低保, then the larger of 支出型 and 单人保, then 低边 (a status, no cash).
"""

import numpy as np
from numpy.typing import NDArray

from minzheng.eligibility.rules.evaluation import PROGRAMMES, Evaluation

NONE = -1


def primary_programme(evaluation: Evaluation) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Per household: the index in ``PROGRAMMES`` (``NONE`` if nothing) and its monthly amount."""
    p = evaluation.programmes
    count = len(evaluation.resident_count)
    index = np.full(count, NONE, dtype=np.int64)
    amount = np.zeros(count, dtype=np.int64)
    rigid, single = p["rigid_expenditure"], p["dibao_single"]
    rigid_wins = rigid.eligible & (
        ~single.eligible | (rigid.monthly_amount >= single.monthly_amount)
    )
    choices = [
        ("tekun", p["tekun"].eligible),
        ("dibao", p["dibao"].eligible),
        ("rigid_expenditure", rigid_wins),
        ("dibao_single", single.eligible),
        ("dibao_edge", p["dibao_edge"].eligible),
    ]
    # Lowest precedence first, so each higher one overwrites.
    for name, holds in reversed(choices):
        index[holds] = PROGRAMMES.index(name)
        amount[holds] = p[name].monthly_amount[holds]
    return index, amount
