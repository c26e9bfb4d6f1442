"""Write services of 预警监测."""

from minzheng.monitoring.services.events import ImportCounts, RowError, events_import
from minzheng.monitoring.services.warnings import (
    RaiseCounts,
    warning_close,
    warnings_escalate,
    warnings_from_events,
)

__all__ = [
    "ImportCounts",
    "RaiseCounts",
    "RowError",
    "events_import",
    "warning_close",
    "warnings_escalate",
    "warnings_from_events",
]
