"""What other apps (monitoring first) receive from the visits app: plain frozen data."""

import datetime as dt
import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class VisitDue:
    """A household's visit deadline after an urgent demand; ``changed`` if it moved earlier."""

    household_id: uuid.UUID
    next_due_at: dt.datetime
    changed: bool


@dataclass(frozen=True)
class PlanRefreshCounts:
    """What one refresh of the visit plans wrote, and how many households there are per colour."""

    created: int
    updated: int
    removed: int
    by_colour: dict[int, int]

    @property
    def written(self) -> int:
        return self.created + self.updated + self.removed
