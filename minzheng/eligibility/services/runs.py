"""``minzheng eligibility run``: the whole registry judged and stored as current determinations.

A run reads the registry snapshot (``selectors.snapshot``), evaluates it in bulk, writes one
``Determination`` per household by COPY, and makes itself the current run in the same
transaction, so readers see the old results or the new ones, never a mix. The snapshot is kept
beside the run as a compressed table: what-ifs re-judge it in seconds without re-reading the
registry. The run before the current one is kept for comparison; older ones are removed.
"""

import datetime as dt
import logging
import time
from collections.abc import Sequence

import numpy as np
from django.db import transaction

from minzheng.accounts.models import User
from minzheng.accounts.permissions import require_actor
from minzheng.core.audit import audit_record
from minzheng.core.bulk import Constant, TableLoad, write_table
from minzheng.core.clock import now
from minzheng.core.enums import AuditAction
from minzheng.eligibility.models import Determination, DeterminationRun
from minzheng.eligibility.rules import RULES_VERSION
from minzheng.eligibility.rules.evaluation import PROGRAMMES, Evaluation, evaluate
from minzheng.eligibility.rules.results import parameter_values
from minzheng.eligibility.rules.table import table_save
from minzheng.eligibility.selectors.snapshot import RegistrySnapshot, registry_snapshot
from minzheng.eligibility.services.evaluation import rules_system
from minzheng.eligibility.snapshots import run_snapshot_path

logger = logging.getLogger(__name__)

KEEP_RUNS = 2


def eligible_bits(evaluation: Evaluation) -> np.ndarray:
    """One small integer per household: bit i set when programme i (PROGRAMMES order) holds."""
    bits = np.zeros(len(evaluation.resident_count), dtype=np.int16)
    for position, name in enumerate(PROGRAMMES):
        bits |= evaluation.programmes[name].eligible.astype(np.int16) << position
    return bits


def determinations_run(
    *,
    actor: User,
    as_of: dt.date,
    progress: bool = False,
    snapshot: RegistrySnapshot | None = None,
) -> DeterminationRun:
    """Judge every household of the registry on ``as_of`` and make the result current.

    ``snapshot`` replaces reading the registry (a benchmark's drawn facts, a test's table).
    """
    require_actor(actor)
    started = time.perf_counter()
    snapshot = snapshot or registry_snapshot(as_of=as_of)
    read = time.perf_counter()
    evaluation = evaluate(snapshot.table, rules_system())
    evaluated = time.perf_counter()
    parameters = {
        region: {
            name: {"value": value, "label": evaluation.parameters[(as_of, region)][name].label}
            for name, value in parameter_values(
                dict(evaluation.parameters[(as_of, region)])
            ).items()
        }
        for (_day, region) in evaluation.parameters
    }
    count = snapshot.table.household_count
    run = DeterminationRun(
        as_of=as_of,
        rules_version=RULES_VERSION,
        parameters=parameters,
        household_count=count,
        created_by=actor,
    )
    # The snapshot goes first: a current run must always have one for its what-ifs.
    path = run_snapshot_path(run.pk)
    table_save(snapshot.table, path, division_code=snapshot.division_codes)
    try:
        _store(run, snapshot, evaluation, progress=progress)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    logger.info(
        "eligibility.run.finished",
        extra={
            "run_id": str(run.pk),
            "households": count,
            "read_seconds": round(read - started, 2),
            "evaluate_seconds": round(evaluated - read, 2),
            "total_seconds": round(time.perf_counter() - started, 2),
        },
    )
    return run


@transaction.atomic
def _store(
    run: DeterminationRun, snapshot: RegistrySnapshot, evaluation: Evaluation, *, progress: bool
) -> None:
    previous = list(DeterminationRun.objects.select_for_update().filter(is_current=True))
    run.save()
    columns: dict[str, object] = {
        "run_id": Constant(run.pk.hex),
        "household_id": [household.hex for household in snapshot.household_ids],
        "division_code": snapshot.division_codes,
        "resident_count": evaluation.resident_count,
        "per_capita_income_cents": evaluation.per_capita_income_cents().astype(np.int64),
        "eligible_bits": eligible_bits(evaluation),
    }
    for name in PROGRAMMES:
        columns[f"{name}_amount"] = evaluation.programmes[name].monthly_amount
        columns[f"{name}_reasons"] = evaluation.programmes[name].reasons
    load = TableLoad(Determination, run.household_count, columns)  # type: ignore[arg-type]
    write_table(load, progress=progress)
    DeterminationRun.objects.filter(pk__in=[p.pk for p in previous]).update(is_current=False)
    run.is_current = True
    run.finished_at = now()
    run.save(update_fields=["is_current", "finished_at", "updated_at"])
    stale = list(
        DeterminationRun.objects.exclude(pk=run.pk)
        .order_by("-created_at")
        .values_list("pk", flat=True)[KEEP_RUNS - 1 :]
    )
    Determination.objects.filter(run_id__in=stale).delete()
    DeterminationRun.objects.filter(pk__in=stale).delete()
    audit_record(
        actor=run.created_by,
        action=AuditAction.CREATE,
        target_type="eligibility.determination_run",
        target_id=run.pk,
        changes={"as_of": run.as_of.isoformat(), "households": run.household_count},
    )
    transaction.on_commit(lambda: _snapshots_remove(stale))


def _snapshots_remove(run_ids: Sequence[object]) -> None:
    for run_id in run_ids:
        run_snapshot_path(run_id).unlink(missing_ok=True)
