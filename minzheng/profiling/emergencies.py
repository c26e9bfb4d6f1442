"""Where the 急难型 type learns of sudden shocks: sources registered by higher layers.

Profiling sits below monitoring in the import layers, so it cannot read warnings itself. An
app that knows of shocks (monitoring, from departments' event feeds) registers a source in its
``AppConfig.ready``; a profile run asks every source for the households with a shock in the
model's window (``thresholds.emergency_window_days``, 30 days by default, domain §2.3).
"""

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Callable, Mapping

# (day, window in days) → shocks per household in the window ending on ``day``.
EmergencySource = Callable[[dt.date, int], Mapping[uuid.UUID, int]]

_sources: list[EmergencySource] = []


def emergency_source_register(source: EmergencySource) -> None:
    """Add a source of shocks; registering the same one twice has no effect."""
    if source not in _sources:
        _sources.append(source)


def recent_emergencies(*, day: dt.date, window_days: int) -> Counter[uuid.UUID]:
    """Shocks per household from every registered source, in the ``window_days`` up to ``day``."""
    total: Counter[uuid.UUID] = Counter()
    for source in _sources:
        total.update(source(day, window_days))
    return total
