"""Where a determination run keeps its case table, and reading it back for another day."""

import datetime as dt
from dataclasses import replace
from pathlib import Path

import numpy as np
from django.conf import settings

from minzheng.eligibility.models import DeterminationRun
from minzheng.eligibility.rules.table import CaseTable, table_load


def run_snapshot_path(run_id: object) -> Path:
    return Path(settings.MEDIA_ROOT) / "eligibility" / "runs" / f"{run_id}.npz"


def run_table_on(run: DeterminationRun, day: dt.date) -> tuple[CaseTable, dict[str, np.ndarray]]:
    """The run's stored case table judged on ``day``, and its extra columns (division codes)."""
    stored, extra = table_load(run_snapshot_path(run.pk))
    as_of = np.full(stored.household_count, np.datetime64(day, "D"))
    return CaseTable(replace(stored.households, as_of=as_of), stored.persons), extra
