"""``minzheng profile run``: every household's 五型三色 profile from the current rules run.

The households of the current determination run are judged again on the day, turned into two
tables (persons, households) and classified by ``classify.profile_table`` on DuckDB through
Ibis. Current profiles are replaced in one transaction, and every household whose types or
colour changed (or that entered or left the profiles) gets a ``ProfileChange`` row.
"""

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass

import ibis
import numpy as np
import numpy.typing as npt
import pandas as pd
from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.accounts.models import User
from minzheng.accounts.permissions import require_actor
from minzheng.core.audit import audit_record
from minzheng.core.bulk import Constant, TableLoad, write_table
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError
from minzheng.eligibility.selectors import JudgedSnapshot, current_snapshot_judged
from minzheng.profiling.classify import ProfileModel, profile_table
from minzheng.profiling.colours import Colour
from minzheng.profiling.models import HouseholdProfile, ProfileChange, ProfileTally
from minzheng.profiling.settings import model_in_force
from minzheng.profiling.signals import household_signals

NONE = -1
_SEVERE_GRADE_3_KINDS = (5, 6)  # DisabilityKind intellectual, mental (rules/variables/inputs.py)


@dataclass(frozen=True)
class ProfileRun:
    households: int
    profiled: int
    changes: int
    by_colour: dict[str, int]
    seconds: float


def _frames(judged: JudgedSnapshot) -> tuple[pd.DataFrame, pd.DataFrame]:
    persons, households = judged.table.persons, judged.table.households
    as_of = np.datetime64(judged.as_of, "D")
    age = ((as_of - persons.birth_date).astype(np.int64) // 365.25).astype(np.int64)
    grade, kind = persons.disability_grade, persons.disability_kind
    severe = (
        ((grade >= 1) & (grade <= 2))
        | ((grade == 3) & np.isin(kind, _SEVERE_GRADE_3_KINDS))
        | persons.serious_illness
    )
    resident = persons.residence_status == 0
    person_frame = pd.DataFrame(
        {
            "household": persons.household_index[resident],
            "age": age[resident],
            "income": persons.monthly_income[resident],
            "severe": severe[resident],
            "can_work": ((age >= 16) & (age < 60) & ~severe)[resident],
        }
    )
    programmes = judged.evaluation.programmes
    subsistence = (programmes["tekun"].eligible | programmes["dibao"].eligible) | programmes[
        "dibao_single"
    ].eligible
    household_frame = pd.DataFrame(
        {
            "household": np.arange(households.case_id.shape[0]),
            "size": judged.evaluation.resident_count,
            "income": judged.evaluation.income_cents / 100,
            "standard": judged.standard,
            "edge_line": judged.edge_line,
            "rigid_annual": households.rigid_expenditure_annual,
            "eligible_subsistence": subsistence,
            "eligible_rigid": programmes["rigid_expenditure"].eligible,
        }
    )
    return person_frame, household_frame


def profiles_run(*, as_of: dt.date, actor: User) -> ProfileRun:
    """Profile every household of the current rules run on ``as_of``."""
    require_actor(actor)
    started = time.perf_counter()
    judged = current_snapshot_judged(as_of=as_of)
    if judged is None:
        raise ApplicationError(
            _("还没有批量判定结果，请先运行 minzheng eligibility run。"), code=ErrorCode.CONFLICT
        )
    person_frame, household_frame = _frames(judged)
    profiles = _classify(judged, person_frame, household_frame)
    household_ids = judged.table.households.case_id
    profiles["household_id"] = [household_ids[i].replace("-", "") for i in profiles.household]
    profiles["division_code"] = judged.division_codes[profiles.household.to_numpy()]
    with transaction.atomic():
        changes = _changes(profiles)
        HouseholdProfile.objects.all().delete()
        write_table(
            TableLoad(
                HouseholdProfile,
                len(profiles),
                {
                    "household_id": profiles.household_id.tolist(),
                    "division_code": profiles.division_code.to_numpy(),
                    "types": profiles.types.to_numpy(),
                    "primary": profiles.primary.to_numpy(),
                    "colour": profiles.colour.to_numpy(),
                    "score": profiles.score.to_numpy(),
                    "reasons": profiles.reasons.to_numpy(),
                    "model_version": profiles.model_version.tolist(),
                    "computed_on": Constant(as_of.isoformat()),
                },
            ),
            progress=False,
        )
        write_table(
            TableLoad(
                ProfileChange,
                len(changes),
                {
                    "household_id": changes.household_id.tolist(),
                    "division_code": changes.division_code.to_numpy(),
                    "changed_on": Constant(as_of.isoformat()),
                    "types_before": changes.types_before.to_numpy(),
                    "types_after": changes.types.to_numpy(),
                    "colour_before": changes.colour_before.to_numpy(),
                    "colour_after": changes.colour.to_numpy(),
                    "score_after": changes.score.to_numpy(),
                    "reasons_after": changes.reasons.to_numpy(),
                    "model_version": changes.model_version.fillna("").tolist(),
                },
            ),
            progress=False,
        )
        tallies = (
            profiles.groupby(["division_code", "primary", "colour"]).size().reset_index(name="n")
        )
        ProfileTally.objects.all().delete()
        write_table(
            TableLoad(
                ProfileTally,
                len(tallies),
                {
                    "division_code": tallies.division_code.to_numpy(),
                    "primary": tallies.primary.to_numpy(),
                    "colour": tallies.colour.to_numpy(),
                    "households": tallies.n.to_numpy(),
                    "computed_on": Constant(as_of.isoformat()),
                },
            ),
            progress=False,
        )
        by_colour = Counter(Colour(c).code for c in profiles.colour.tolist())
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target_type="profiling.profile_run",
            target_id=as_of.isoformat(),
            changes={"profiled": len(profiles), "changes": len(changes), **by_colour},
        )
    return ProfileRun(
        households=judged.table.household_count,
        profiled=len(profiles),
        changes=len(changes),
        by_colour=dict(by_colour),
        seconds=round(time.perf_counter() - started, 2),
    )


def _classify(
    judged: JudgedSnapshot, person_frame: pd.DataFrame, household_frame: pd.DataFrame
) -> pd.DataFrame:
    """Profiles of every region, each with the model in force there on the day."""
    con = ibis.duckdb.connect()
    regions = judged.table.households.region
    households_index = pd.Index(judged.table.households.case_id)  # built once for every region
    parts = []
    for region in sorted(set(regions.tolist())):
        model = model_in_force(region=region, day=judged.as_of)
        in_region = regions == region
        persons = person_frame[in_region[person_frame.household.to_numpy()]]
        signals = _signals(judged, model, households_index)
        households = household_frame[in_region[household_frame.household.to_numpy()]].assign(
            **{signal: counts[in_region] for signal, counts in signals.items()}
        )
        table = profile_table(
            con.create_table(f"persons_{region}", persons),
            con.create_table(f"households_{region}", households),
            model,
        ).to_pandas()
        table["model_version"] = model.version
        parts.append(table)
    profiles = pd.concat(parts) if parts else pd.DataFrame(columns=_PROFILE_COLUMNS)
    return profiles.sort_values("household").reset_index(drop=True)


def _signals(
    judged: JudgedSnapshot, model: ProfileModel, households_index: pd.Index
) -> dict[str, npt.NDArray[np.int64]]:
    """Each signal's count per household of the snapshot (0 for most), in snapshot order."""
    columns = {}
    for signal, counts in household_signals(day=judged.as_of, thresholds=model.thresholds).items():
        column = np.zeros(len(households_index), dtype=np.int64)
        positions = households_index.get_indexer([str(key) for key in counts])
        known = positions >= 0  # a household outside the snapshot is left out
        column[positions[known]] = np.fromiter(counts.values(), dtype=np.int64)[known]
        columns[signal] = column
    return columns


_PROFILE_COLUMNS = ["household", "types", "primary", "score", "colour", "reasons", "model_version"]


def _changes(profiles: pd.DataFrame) -> pd.DataFrame:
    """Households whose types or colour differ from their current profile, or that left."""
    current = pd.DataFrame.from_records(
        HouseholdProfile.objects.values_list("household_id", "division_code", "types", "colour"),
        columns=["household_id", "division_code", "types_before", "colour_before"],
    )
    current["household_id"] = current.household_id.map(lambda value: value.hex).astype(object)
    # Text keys on both sides, even when a side is empty (pandas would make it float64).
    merged = profiles.astype({"household_id": object}).merge(
        current, on="household_id", how="outer", suffixes=("", "_before_row")
    )
    merged["division_code"] = merged.division_code.fillna(merged.division_code_before_row)
    merged = merged.infer_objects().fillna(
        {
            "types": 0,
            "colour": NONE,
            "score": 0,
            "reasons": 0,
            "types_before": 0,
            "colour_before": NONE,
        }
    )
    changed = (merged.types != merged.types_before) | (merged.colour != merged.colour_before)
    result = merged[changed].copy()
    for column in (
        "division_code",
        "types",
        "colour",
        "score",
        "reasons",
        "types_before",
        "colour_before",
    ):
        result[column] = result[column].astype(np.int64)
    return result
