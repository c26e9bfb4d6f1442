"""政策测算: the current run's households judged again under changed parameters.

Both sides are evaluated on the run's stored snapshot on the same day, so the only difference
is the parameters. Households are compared by the programme they would be paid under
(``rules.primary``); the result keeps totals and per-镇街 figures, and one row per household
whose programme or amount changes (the list the page shows and exports).
"""

import datetime as dt
import time

import numpy as np
from django.db import transaction
from django.utils.translation import gettext as _
from numpy.typing import NDArray

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.core.audit import audit_record
from minzheng.core.bulk import Constant, TableLoad, write_table
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError, PermissionDenied
from minzheng.divisions.selectors import division_names
from minzheng.eligibility.models import (
    DeterminationRun,
    PolicyWhatIf,
    PolicyWhatIfHousehold,
    WhatIfChange,
)
from minzheng.eligibility.rules.changes import ParameterChange
from minzheng.eligibility.rules.evaluation import PROGRAMMES, evaluate
from minzheng.eligibility.rules.primary import NONE, primary_programme
from minzheng.eligibility.services.evaluation import rules_system
from minzheng.eligibility.snapshots import run_snapshot_path, run_table_on

IntArray = NDArray[np.int64]

# Division codes: 6 digits of county, 3 of 镇街, 3 of 村社.
TOWNSHIP_SPAN = 1000
_EDGE = PROGRAMMES.index("dibao_edge")


def policy_whatif(
    *, actor: User, changes: list[ParameterChange], as_of: dt.date | None = None
) -> PolicyWhatIf:
    """Judge the current run's households with ``changes`` and store what changes."""
    if not actor.has_capability(Capability.POLICY_SIMULATE):
        raise PermissionDenied
    if not changes:
        raise ApplicationError(_("请至少调整一个参数。"))
    run = DeterminationRun.objects.filter(is_current=True).first()
    path = run_snapshot_path(run.pk) if run else None
    if run is None or path is None or not path.exists():
        raise ApplicationError(
            _("还没有批量判定结果，请先运行 minzheng eligibility run。"), code=ErrorCode.CONFLICT
        )
    started = time.perf_counter()
    starts = [change.start for change in changes if change.start]
    day = as_of or max([run.as_of, *starts])
    table, extra = run_table_on(run, day)
    before_index, before_amount = primary_programme(evaluate(table, rules_system()))
    after_index, after_amount = primary_programme(evaluate(table, rules_system(settings=changes)))
    change = _classify(before_index, before_amount, after_index, after_amount)
    division = extra["division_code"]
    changed = np.flatnonzero(change >= 0)
    whatif = PolicyWhatIf(
        run=run,
        as_of=day,
        changes=[
            {
                "name": c.name,
                "value": str(c.value),
                "start": c.start.isoformat() if c.start else None,
                "region": c.region,
            }
            for c in changes
        ],
        summary=_summary(division, before_index, before_amount, after_index, after_amount, change),
        created_by=actor,
    )
    with transaction.atomic():
        whatif.seconds = round(time.perf_counter() - started, 2)
        whatif.save()
        codes = [choice.value for choice in _CHANGE_ORDER]
        names = ["", *PROGRAMMES]  # index NONE (-1) + 1 → ""
        write_table(
            TableLoad(
                PolicyWhatIfHousehold,
                len(changed),
                {
                    "whatif_id": Constant(whatif.pk.hex),
                    "household_id": [
                        table.households.case_id[i].replace("-", "") for i in changed.tolist()
                    ],
                    "division_code": division[changed],
                    "change": [codes[c] for c in change[changed].tolist()],
                    "programme_before": [names[i + 1] for i in before_index[changed].tolist()],
                    "amount_before": before_amount[changed],
                    "programme_after": [names[i + 1] for i in after_index[changed].tolist()],
                    "amount_after": after_amount[changed],
                },
            ),
            progress=False,
        )
        whatif.seconds = round(time.perf_counter() - started, 2)
        whatif.save(update_fields=["seconds"])
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target_type="eligibility.policy_whatif",
            target_id=whatif.pk,
            changes={"parameters": whatif.changes, "as_of": day.isoformat()},
        )
    return whatif


_CHANGE_ORDER = (
    WhatIfChange.GAINED,
    WhatIfChange.LOST,
    WhatIfChange.INCREASED,
    WhatIfChange.DECREASED,
    WhatIfChange.EDGE_GAINED,
    WhatIfChange.EDGE_LOST,
)


def _classify(
    before_index: IntArray, before_amount: IntArray, after_index: IntArray, after_amount: IntArray
) -> IntArray:
    """Per household: the position of its change in ``_CHANGE_ORDER``, -1 when unchanged."""
    paid_before = (before_index != NONE) & (before_index != _EDGE)
    paid_after = (after_index != NONE) & (after_index != _EDGE)
    edge_before, edge_after = before_index == _EDGE, after_index == _EDGE
    conditions = [
        ~paid_before & paid_after,
        paid_before & ~paid_after,
        paid_before & paid_after & (after_amount > before_amount),
        paid_before & paid_after & (after_amount < before_amount),
        ~paid_before & ~paid_after & ~edge_before & edge_after,
        ~paid_before & ~paid_after & edge_before & ~edge_after,
    ]
    classified: IntArray = np.select(conditions, list(range(len(conditions))), default=-1)
    return classified


def _summary(
    division: IntArray,
    before_index: IntArray,
    before_amount: IntArray,
    after_index: IntArray,
    after_amount: IntArray,
    change: IntArray,
) -> dict[str, object]:
    township = division // TOWNSHIP_SPAN * TOWNSHIP_SPAN
    codes = np.unique(township)
    names = division_names(codes=[int(code) for code in codes.tolist()])

    def figures(mask: NDArray[np.bool_]) -> dict[str, int]:
        result = {
            choice.value: int(((change == position) & mask).sum())
            for position, choice in enumerate(_CHANGE_ORDER)
        }
        paid_before = (before_index != NONE) & (before_index != _EDGE) & mask
        paid_after = (after_index != NONE) & (after_index != _EDGE) & mask
        result.update(
            households_before=int(paid_before.sum()),
            households_after=int(paid_after.sum()),
            monthly_before=int(before_amount[paid_before].sum()),
            monthly_after=int(after_amount[paid_after].sum()),
        )
        result["monthly_delta"] = result["monthly_after"] - result["monthly_before"]
        return result

    everyone = np.ones(len(division), dtype=bool)
    return {
        "households": len(division),
        "totals": figures(everyone),
        "townships": [
            {
                "code": int(code),
                "name": names.get(int(code), str(code)),
                **figures(township == code),
            }
            for code in codes.tolist()
        ],
    }
