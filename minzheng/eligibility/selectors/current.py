"""The current run's households judged on a day: the input of 精准画像 and similar bulk work."""

import datetime as dt
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from minzheng.eligibility.models import DeterminationRun
from minzheng.eligibility.rules.evaluation import Evaluation, evaluate
from minzheng.eligibility.rules.table import CaseTable
from minzheng.eligibility.services.evaluation import rules_system
from minzheng.eligibility.snapshots import run_snapshot_path, run_table_on


@dataclass(frozen=True)
class JudgedSnapshot:
    """The current run's case table re-judged on ``as_of``, with per-household lines."""

    as_of: dt.date
    table: CaseTable
    division_codes: NDArray[np.int64]
    evaluation: Evaluation
    standard: NDArray[np.float64]  # 低保标准 S per household, yuan
    edge_line: NDArray[np.float64]  # 低边 line per person, yuan


def current_snapshot_judged(*, as_of: dt.date) -> JudgedSnapshot | None:
    """None when no run is current (``minzheng eligibility run`` has not been run)."""
    run = DeterminationRun.objects.filter(is_current=True).first()
    if run is None or not run_snapshot_path(run.pk).exists():
        return None
    table, extra = run_table_on(run, as_of)
    evaluation = evaluate(table, rules_system())
    standard = np.zeros(table.household_count)
    edge_line = np.zeros(table.household_count)
    for (_day, region), values in evaluation.parameters.items():
        rows = table.households.region == region
        standard[rows] = values["dibao.standard"].value
        edge_line[rows] = values["dibao.standard"].value * values["dibao.edge_multiplier"].value
    return JudgedSnapshot(as_of, table, extra["division_code"], evaluation, standard, edge_line)
