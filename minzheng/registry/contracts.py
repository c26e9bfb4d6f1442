"""What other apps receive from the registry in bulk: plain columns, no model instances."""

import uuid
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class MemberColumns:
    """Current members of active households, one row per person, a household's rows adjacent."""

    household_id: list[uuid.UUID]
    person_id: list[uuid.UUID]
    birth_date: NDArray[np.datetime64]  # NaT where unknown
    relation: list[str]
    division_code: NDArray[np.int64]  # the household's 村(社区)
