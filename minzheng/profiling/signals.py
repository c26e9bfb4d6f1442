"""Facts about households that higher layers know: sources they register for the profiles.

Profiling sits below cases and monitoring in the import layers, so it cannot read benefits,
applications or warnings itself. Each app that knows a fact registers a source for one named
signal in its ``AppConfig.ready``; a profile run asks every source for the households the
signal holds for on the day, with the thresholds of the region's model (windows in days).

Signals (the profile's dimensions, ``docs/domain/profiling.md``):
- ``emergencies``: sudden shocks (急难) within ``emergency_window_days`` (monitoring);
- ``arrears``: unresolved utility arrears (居住; monitoring);
- ``in_register``: receives 特困, 低保 or 单人保 this month (对象来源: 在册; cases);
- ``exited``: a benefit ended within ``source_window_days`` and none now (对象来源: 退出; cases);
- ``refused``: an application refused within ``source_window_days`` (对象来源: 未通过; cases).
"""

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Callable, Mapping

SIGNALS: tuple[str, ...] = ("emergencies", "arrears", "in_register", "exited", "refused")

# (day, the model's thresholds) → count per household for which the signal holds.
SignalSource = Callable[[dt.date, Mapping[str, float]], Mapping[uuid.UUID, int]]

_sources: dict[str, list[SignalSource]] = {signal: [] for signal in SIGNALS}


def signal_source_register(signal: str, source: SignalSource) -> None:
    """Add a source of ``signal``; registering the same one twice has no effect.

    Raises:
        ValueError: ``signal`` is not one of ``SIGNALS``.
    """
    if signal not in _sources:
        raise ValueError(f"unknown household signal {signal!r}")
    if source not in _sources[signal]:
        _sources[signal].append(source)


def household_signals(
    *, day: dt.date, thresholds: Mapping[str, float]
) -> dict[str, Counter[uuid.UUID]]:
    """Every signal's counts per household from its registered sources on ``day``."""
    totals: dict[str, Counter[uuid.UUID]] = {}
    for signal, sources in _sources.items():
        total: Counter[uuid.UUID] = Counter()
        for source in sources:
            total.update(source(day, thresholds))
        totals[signal] = total
    return totals
