"""Warnings: raised from new events by the rule table, closed with evidence, escalated late.

``warnings_from_events`` judges every event not yet judged in one pass (a DataFrame, no
per-event query) and keeps one open warning per household and cause: a later event attaches
to the open warning and can only raise its colour. A red warning asks for an urgent visit
after commit. ``warnings_escalate`` moves overdue warnings up one level (村社 → 镇街 → 县) with
a few UPDATE statements, whatever their number.
"""

import datetime as dt
import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from django.db import transaction
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Least, Mod
from django.utils.translation import gettext as _

from minzheng.accounts.models import User
from minzheng.accounts.system import system_user
from minzheng.cases.selectors.support import households_receiving
from minzheng.cases.services.reviews import household_reductions_propose
from minzheng.core.audit import audit_record
from minzheng.core.bulk import Constant, TableLoad, base_columns, columns_set, write_table
from minzheng.core.clock import now, today
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError
from minzheng.eligibility.selectors.snapshot import region_of
from minzheng.monitoring.enums import Cause, EventKind, Outcome, OwnerLevel, WarningStatus
from minzheng.monitoring.evidence import CheckedEvidence, outcome_evidence
from minzheng.monitoring.models import EarlyWarning, MonitoringEvent, WarningEscalation
from minzheng.monitoring.permissions import access_warning
from minzheng.monitoring.rule_settings import rules_in_force
from minzheng.monitoring.rules import judge
from minzheng.monitoring.visits import urgent_visits_plan
from minzheng.profiling.enums import Colour
from minzheng.profiling.selectors import households_of_type
from minzheng.workdays.selectors import working_days_add

logger = logging.getLogger(__name__)
WARNING_TARGET = "monitoring.warning"
SWEEP_TARGET = "monitoring.warning_sweep"
ID_CHUNK = 10_000
_NEXT_LEVEL = {OwnerLevel.VILLAGE: OwnerLevel.TOWNSHIP, OwnerLevel.TOWNSHIP: OwnerLevel.COUNTY}


@dataclass(frozen=True)
class RaiseCounts:
    """Events judged; warnings raised, attached to, made red; events that raised nothing."""

    events: int
    raised: int
    attached: int
    red: int
    ignored: int


def due_dates(*, start: dt.date, region: str | None) -> dict[Colour, dt.date]:
    """The due date of a warning of each colour raised or escalated on ``start`` in ``region``
    (a division outside every parameter region keeps the shipped due days)."""
    days = rules_in_force(region=region, day=start).due_working_days
    return {colour: working_days_add(start=start, days=count) for colour, count in days.items()}


def _regions(division_codes: pd.Series) -> pd.Series:
    """The parameter region of each division code ("" outside every region), one lookup per
    distinct code."""
    codes = division_codes.dropna().unique()
    return division_codes.map({code: region_of(int(code)) or "" for code in codes}).fillna("")


def _due_on(frame: pd.DataFrame, *, as_of: dt.date) -> pd.Series:
    """The due date (ISO text) of each row's colour in its region."""
    due = {
        region: due_dates(start=as_of, region=region or None) for region in frame["region"].unique()
    }
    return pd.Series(
        [
            due[region][Colour(int(colour))].isoformat()
            for region, colour in zip(frame["region"], frame["colour"], strict=True)
        ],
        index=frame.index,
        dtype=object,
    )


def _chunks(ids: Sequence[uuid.UUID]) -> list[Sequence[uuid.UUID]]:
    return [ids[start : start + ID_CHUNK] for start in range(0, len(ids), ID_CHUNK)]


def _pending_households() -> QuerySet[MonitoringEvent, Any]:
    """Households with an event not judged yet, as a subquery (no id list in the SQL)."""
    return MonitoringEvent.objects.filter(evaluated_at__isnull=True).values("household_id")


def _judged(events: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """``events`` with the cause and colour the rules give each one (colour −1: none)."""
    subsistence = households_of_type(household_ids=_pending_households(), type_code="subsistence")
    receiving = households_receiving(
        household_ids=_pending_households(), month=as_of.replace(day=1)
    )
    is_arrears = events["kind"] == EventKind.UTILITY_ARREARS.value
    measures = np.where(
        is_arrears,
        pd.to_numeric(events["months"], errors="coerce"),
        pd.to_numeric(events["amount"], errors="coerce"),
    ).astype(np.float64)
    regions = _regions(events["division_code"])
    causes = np.full(len(events), "", dtype=object)
    colours = np.full(len(events), -1, dtype=np.int64)
    for region in regions.unique():
        rows = (regions == region).to_numpy()
        rules = rules_in_force(region=region or None, day=as_of).rules
        causes[rows], colours[rows] = judge(
            rules=rules,
            kinds=events["kind"].to_numpy(dtype=str)[rows],
            measures=measures[rows],
            subsistence=events["household_id"].isin(subsistence).to_numpy()[rows],
            receiving=events["household_id"].isin(receiving).to_numpy()[rows],
        )
    colours[events["household_id"].isna().to_numpy()] = -1
    return events.assign(cause=causes, colour=colours, region=regions)


def _events_frame() -> pd.DataFrame:
    columns = ["id", "household_id", "division_code", "kind", "amount", "months", "occurred_on"]
    rows = (
        MonitoringEvent.objects.select_for_update(of=("self",))
        .filter(evaluated_at__isnull=True)
        .values_list(
            "id",
            "household_id",
            "household__division_id",
            "kind",
            "amount",
            "months",
            "occurred_on",
        )
        .order_by("occurred_on", "id")
    )
    return pd.DataFrame(list(rows), columns=columns, dtype=object)


def _open_warnings() -> pd.DataFrame:
    """The open warnings of households with new events, locked until the sweep commits."""
    columns = ["warning_id", "household_id", "cause", "open_colour", "due_on"]
    rows = (
        EarlyWarning.objects.select_for_update()
        .open()
        .filter(household_id__in=_pending_households())
        .values_list("id", "household_id", "cause", "colour", "due_on")
    )
    return pd.DataFrame(list(rows), columns=columns, dtype=object)


def _warnings_insert(new: pd.DataFrame, *, as_of: dt.date) -> None:
    """Store the new warnings (``new`` has their ids) with the bulk loader."""
    due_on = _due_on(new, as_of=as_of)
    codes = new["division_code"].to_numpy(dtype=np.int64)
    columns = base_columns(len(new))
    columns["id"] = [warning_id.hex for warning_id in new["warning_id"]]
    write_table(
        TableLoad(
            EarlyWarning,
            len(new),
            {
                **columns,
                "household_id": [household_id.hex for household_id in new["household_id"]],
                "division_code": codes,
                "cause": new["cause"].tolist(),
                "colour": new["colour"].to_numpy(dtype=np.int64),
                "status": Constant(WarningStatus.OPEN.value),
                "owner_level": Constant(OwnerLevel.VILLAGE.value),
                "owner_division_code": codes,
                "raised_on": Constant(as_of),
                "first_due_on": due_on.tolist(),
                "due_on": due_on.tolist(),
                "escalation_count": Constant(0),
                "closed_at": Constant(None),
                "closed_by_id": Constant(None),
                "outcome": Constant(""),
                "evidence": Constant({}),
                "application_id": Constant(None),
            },
        ),
        progress=False,
    )


def _warnings_redden(raised: pd.DataFrame, *, as_of: dt.date) -> None:
    """Raise the colour of open warnings a worse event attached to; the due date can only come
    closer."""
    stamp = now()
    for (region, colour), group in raised.groupby(["region", "colour"]):
        due = due_dates(start=as_of, region=region or None)[Colour(int(colour))]
        for ids in _chunks(list(group["warning_id"])):
            EarlyWarning.objects.filter(id__in=ids).update(
                colour=int(colour), due_on=Least("due_on", Value(due)), updated_at=stamp
            )


@transaction.atomic
def warnings_from_events(*, as_of: dt.date) -> RaiseCounts:
    """Judge the events not judged yet; raise or update warnings; returns the counts.

    Whole columns at a time: events and open warnings are read in one query each, grouped
    per household and cause with pandas, and written with the bulk loader.
    """
    stamp = now()
    events = _events_frame()
    if events.empty:
        return RaiseCounts(events=0, raised=0, attached=0, red=0, ignored=0)
    events = _judged(events, as_of)
    raising = events[events["colour"] >= 0]
    groups = (
        raising.groupby(["household_id", "cause"], sort=True)
        .agg(
            colour=("colour", "max"),
            division_code=("division_code", "first"),
            region=("region", "first"),
        )
        .reset_index()
        .merge(_open_warnings(), on=["household_id", "cause"], how="left")
    )
    is_new = groups["warning_id"].isna()
    new = groups[is_new].copy()
    new["warning_id"] = [uuid.uuid4() for _ in range(len(new))]
    _warnings_insert(new, as_of=as_of)
    existing = groups[~is_new]
    raised = existing[existing["colour"] > existing["open_colour"].astype(np.int64)]
    _warnings_redden(raised, as_of=as_of)
    owners = pd.concat([new, existing])[["household_id", "cause", "warning_id"]]
    linked = events[["id", "household_id", "cause"]].merge(
        owners, on=["household_id", "cause"], how="left"
    )
    # Every judged event is stamped; those that raised or joined a warning point to it.
    columns_set(
        MonitoringEvent,
        [event_id.hex for event_id in linked["id"]],
        {
            "warning": [w.hex if isinstance(w, uuid.UUID) else None for w in linked["warning_id"]],
            "evaluated_at": Constant(stamp),
            "updated_at": Constant(stamp),
        },
    )
    red = pd.concat([new, raised])
    red = red[red["colour"] == Colour.RED.value]
    counts = RaiseCounts(
        events=len(events),
        raised=len(new),
        attached=len(raising) - len(new),
        red=len(red),
        ignored=len(events) - len(raising),
    )
    audit_record(
        actor=system_user(),
        action=AuditAction.CREATE,
        target_type=SWEEP_TARGET,
        target_id=as_of.isoformat(),
        changes={"events": counts.events, "raised": counts.raised, "red": counts.red},
    )
    plans = [
        (household_id, dt.date.fromisoformat(due_on), Cause(cause))
        for household_id, cause, due_on in zip(
            red["household_id"], red["cause"], _due_on(red, as_of=as_of), strict=True
        )
    ]
    if plans:
        transaction.on_commit(lambda: urgent_visits_plan(plans))
    logger.info("monitoring.warnings.raised", extra={"raised": counts.raised, "red": counts.red})
    return counts


def _reductions(warning: EarlyWarning) -> CheckedEvidence:
    """停发/减员 of a death: the household's benefits go to the county as 动态管理 proposals."""
    if warning.cause != Cause.DEATH:
        message = _("停发/减员只用于家庭成员死亡的预警。")
        raise ApplicationError(message, fields={"outcome": message})
    reviews = household_reductions_propose(household_id=warning.household_id, as_of=today())
    if not reviews:
        message = _(
            "该户没有需要停发或减员的在发救助：没有在发的月度救助，或户籍尚未登记该成员死亡"
            "（请先在户籍中登记死亡）。"
        )
        raise ApplicationError(message, fields={"outcome": message})
    return CheckedEvidence(
        Outcome.BENEFIT_REVIEW, {"reviews": ",".join(str(review.pk) for review in reviews)}
    )


@transaction.atomic
def warning_close(
    *, actor: User, warning_id: uuid.UUID, outcome: str, evidence: Mapping[str, str]
) -> EarlyWarning:
    """Close an open warning with one of the outcomes and the evidence it requires.

    Raises:
        NotFound, PermissionDenied: the actor may not handle this warning.
        ApplicationError: already closed, or the outcome's evidence is missing or wrong;
            nothing is written.
    """
    found = access_warning(actor=actor, warning_id=warning_id)
    warning = EarlyWarning.objects.select_for_update().get(pk=found.pk)
    if warning.status != WarningStatus.OPEN:
        raise ApplicationError(_("该预警已办结，不能再次办结。"))
    checked = (
        _reductions(warning)
        if outcome == Outcome.BENEFIT_REVIEW
        else outcome_evidence(outcome=outcome, evidence=evidence, household_id=warning.household_id)
    )
    warning.status = WarningStatus.CLOSED
    warning.closed_at = now()
    warning.closed_by = actor
    warning.outcome = checked.outcome
    warning.evidence = checked.evidence
    warning.application_id = checked.application_id
    warning.save(
        update_fields=[
            "status",
            "closed_at",
            "closed_by",
            "outcome",
            "evidence",
            "application",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target_type=WARNING_TARGET,
        target_id=warning.pk,
        division_code=warning.division_code,
        changes={
            "status": [WarningStatus.OPEN, WarningStatus.CLOSED],
            "outcome": warning.outcome,
            # The 动态管理 proposals a 停发/减员 put to the county: ids only.
            **{key: checked.evidence[key] for key in ("reviews",) if key in checked.evidence},
        },
    )
    logger.info("monitoring.warning.closed", extra={"warning_id": str(warning.pk)})
    return warning


@transaction.atomic
def warnings_escalate(*, as_of: dt.date) -> int:
    """Move every open warning overdue on ``as_of`` one level up, with a new due date.

    A 村社 warning goes to its 镇街, a 镇街 warning to the county; a county warning stays.
    Each move is a ``WarningEscalation`` row; the sweep is one audit event. Returns the moves.
    """
    rows = list(
        EarlyWarning.objects.select_for_update()
        .open()
        .filter(due_on__lt=as_of, owner_level__gt=OwnerLevel.COUNTY)
        .values_list("id", "owner_level", "colour", "due_on", "division_code")
    )
    if not rows:
        return 0
    frame = pd.DataFrame(rows, columns=["id", "level", "colour", "due_on", "division_code"])
    frame["to_level"] = frame["level"].map({k.value: v.value for k, v in _NEXT_LEVEL.items()})
    span = np.power(10, 12 - frame["to_level"].to_numpy(dtype=np.int64))
    codes = frame["division_code"].to_numpy(dtype=np.int64)
    frame["to_code"] = codes - codes % span
    WarningEscalation.objects.bulk_create(
        [
            WarningEscalation(
                warning_id=row.id,
                escalated_on=as_of,
                from_level=row.level,
                to_level=row.to_level,
                to_division_code=int(row.to_code),
                overdue_since=row.due_on,
            )
            for row in frame.itertuples()
        ],
        batch_size=1_000,
    )
    frame["region"] = _regions(frame["division_code"])
    stamp = now()
    for (region, to_level, colour), group in frame.groupby(["region", "to_level", "colour"]):
        due = due_dates(start=as_of, region=region or None)
        for ids in _chunks(list(group["id"])):
            EarlyWarning.objects.filter(id__in=ids).update(
                owner_level=int(to_level),
                owner_division_code=F("division_code")
                - Mod("division_code", 10 ** (12 - int(to_level))),
                due_on=due[Colour(int(colour))],
                escalation_count=F("escalation_count") + 1,
                updated_at=stamp,
            )
    audit_record(
        actor=system_user(),
        action=AuditAction.UPDATE,
        target_type=SWEEP_TARGET,
        target_id=as_of.isoformat(),
        changes={"escalated": len(frame)},
    )
    logger.info("monitoring.warnings.escalated", extra={"count": len(frame)})
    return len(frame)
