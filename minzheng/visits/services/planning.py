"""Visit plans follow the household's colour (``visits.plans``), in bulk and idempotently."""

import datetime as dt
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from minzheng.accounts.models import User
from minzheng.accounts.permissions import require_actor
from minzheng.accounts.system import system_user
from minzheng.core.audit import audit_record
from minzheng.core.clock import day_start, now
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import NotFound
from minzheng.profiling.enums import Colour
from minzheng.profiling.selectors import household_colours
from minzheng.registry.selectors import household_divisions
from minzheng.visits.cadence import CadenceBook
from minzheng.visits.contracts import PlanRefreshCounts, VisitDue
from minzheng.visits.models import VisitPlan
from minzheng.visits.plans import Cadence

PLAN_TARGET = "visits.plan"
REFRESH_TARGET = "visits.plan_refresh"
BATCH = 1000
REASON_LENGTH = 64


def iso_utc(moment: dt.datetime) -> str:
    """A moment as audit events store it: ISO 8601 in UTC, whatever zone it came in."""
    return moment.astimezone(dt.UTC).isoformat()


def _due_after_change(
    plan: VisitPlan, colour: int, event_at: dt.datetime, cadence: Cadence
) -> dt.datetime:
    """The deadline of a plan whose household changed colour on ``event_at``.

    A worse colour never pushes a deadline later (a red household is due within 24 hours of
    turning red); a better one restarts the count from the last visit, unless an urgent demand
    is still open.
    """
    if plan.last_visited_at is not None and colour != Colour.RED:
        regular = plan.last_visited_at + cadence.interval(colour)
    else:
        regular = cadence.first_due(colour=colour, event_at=event_at)
    if colour > plan.colour or plan.urgent_reason:
        return min(plan.next_due_at, regular)
    return regular


@transaction.atomic
def visit_plans_refresh(*, as_of: dt.date) -> PlanRefreshCounts:
    """Create or update one plan per profiled household; drop plans of households left out.

    Two reads (profiles, plans) and bulk writes whatever the number of households. A plan
    whose household is no longer profiled stays while an urgent demand on it is open. Running
    it again with the same profiles writes nothing and records no audit event.
    """
    event_at = day_start(as_of)
    cadences = CadenceBook(as_of)
    profiles = household_colours()
    plans = {
        plan.household_id: plan
        for plan in VisitPlan.objects.select_for_update().only(
            "id",
            "household_id",
            "division_id",
            "colour",
            "next_due_at",
            "last_visited_at",
            "urgent_reason",
        )
    }
    stamp = now()
    created: list[VisitPlan] = []
    updated: list[VisitPlan] = []
    for household_id, division_code, colour in profiles:
        plan = plans.pop(household_id, None)
        if plan is None:
            created.append(
                VisitPlan(
                    household_id=household_id,
                    division_id=division_code,
                    colour=colour,
                    next_due_at=cadences.for_division(division_code).first_due(
                        colour=colour, event_at=event_at
                    ),
                )
            )
            continue
        if plan.colour == colour and plan.division_id == division_code:
            continue
        if plan.colour != colour:
            plan.next_due_at = _due_after_change(
                plan, colour, event_at, cadences.for_division(division_code)
            )
            plan.colour = colour
        plan.division_id = division_code
        plan.updated_at = stamp
        updated.append(plan)
    stale = [plan.pk for plan in plans.values() if not plan.urgent_reason]
    VisitPlan.objects.bulk_create(created, batch_size=BATCH)
    VisitPlan.objects.bulk_update(
        updated, ["division", "colour", "next_due_at", "updated_at"], batch_size=BATCH
    )
    for start in range(0, len(stale), BATCH):
        VisitPlan.objects.filter(pk__in=stale[start : start + BATCH]).delete()
    by_colour = Counter(colour for _, _, colour in profiles)
    counts = PlanRefreshCounts(
        created=len(created),
        updated=len(updated),
        removed=len(stale),
        by_colour={colour.value: by_colour[colour.value] for colour in Colour},
    )
    if counts.written:
        audit_record(
            actor=system_user(),
            action=AuditAction.UPDATE,
            target_type=REFRESH_TARGET,
            target_id=as_of.isoformat(),
            changes={
                "created": counts.created,
                "updated": counts.updated,
                "removed": counts.removed,
            },
        )
    return counts


@transaction.atomic
def visit_plan_urgent(
    *,
    household_id: uuid.UUID,
    due_at: dt.datetime,
    reason: str,
    actor: User,
) -> VisitDue:
    """Demand a visit by ``due_at`` (e.g. within 24 hours of a red warning).

    The deadline becomes the earlier of the current one and ``due_at``; a household without a
    plan gets one (its profile's colour, red if it has none). ``reason`` is a stable code such
    as ``"warning.red"``, never personal data: it is stored and audited as given.

    Raises:
        ValueError: ``due_at`` is naive.
        NotFound: the household does not exist.
    """
    require_actor(actor)
    if timezone.is_naive(due_at):
        raise ValueError("due_at must be timezone-aware")
    reason = reason.strip()[:REASON_LENGTH]
    plan = VisitPlan.objects.select_for_update().filter(household_id=household_id).first()
    if plan is None:
        division_code = household_divisions(household_ids=[household_id]).get(household_id)
        if division_code is None:
            raise NotFound
        colour = next((c for _h, _d, c in household_colours(household_ids=[household_id])), None)
        plan, created = VisitPlan.objects.get_or_create(
            household_id=household_id,
            defaults={
                "division_id": division_code,
                "colour": Colour.RED if colour is None else colour,
                "next_due_at": due_at,
                "urgent_reason": reason,
            },
        )
        if created:
            _audit_urgent(actor, plan, AuditAction.CREATE, None, reason)
            return VisitDue(household_id=plan.household_id, next_due_at=due_at, changed=True)
        plan = VisitPlan.objects.select_for_update().get(pk=plan.pk)
    if due_at >= plan.next_due_at:
        return VisitDue(household_id=plan.household_id, next_due_at=plan.next_due_at, changed=False)
    before = plan.next_due_at
    plan.next_due_at = due_at
    plan.urgent_reason = reason
    plan.save(update_fields=["next_due_at", "urgent_reason", "updated_at"])
    _audit_urgent(actor, plan, AuditAction.UPDATE, before, reason)
    return VisitDue(household_id=plan.household_id, next_due_at=due_at, changed=True)


def _audit_urgent(
    actor: User,
    plan: VisitPlan,
    action: AuditAction,
    before: dt.datetime | None,
    reason: str,
) -> None:
    audit_record(
        actor=actor,
        action=action,
        target_type=PLAN_TARGET,
        target_id=plan.pk,
        division_code=plan.division_id,
        changes={
            "next_due_at": [
                iso_utc(before) if before is not None else None,
                iso_utc(plan.next_due_at),
            ],
            "reason": reason,
        },
    )


@transaction.atomic
def visit_plans_urgent(*, demands: Sequence[tuple[uuid.UUID, dt.datetime, str]]) -> int:
    """``visit_plan_urgent`` for many households at once (a night's red warnings).

    Each (household, due_at, reason) makes the household's deadline the earlier of its current
    one and ``due_at``; households without a plan get one (profile colour, else red). Reads and
    writes in bulk: updates are grouped by deadline, new plans inserted together, and the sweep
    is one audit event. Returns the number of plans changed or created.
    """
    earliest: dict[uuid.UUID, tuple[dt.datetime, str]] = {}
    for household_id, due_at, reason in demands:
        if timezone.is_naive(due_at):
            raise ValueError("due_at must be timezone-aware")
        if household_id not in earliest or due_at < earliest[household_id][0]:
            earliest[household_id] = (due_at, reason.strip()[:REASON_LENGTH])
    ids = list(earliest)
    plans: dict[uuid.UUID, VisitPlan] = {}
    for start in range(0, len(ids), BATCH):
        for found in VisitPlan.objects.select_for_update().filter(
            household_id__in=ids[start : start + BATCH]
        ):
            plans[found.household_id] = found
    moves: dict[tuple[dt.datetime, str], list[uuid.UUID]] = defaultdict(list)
    for household_id, (due_at, reason) in earliest.items():
        current = plans.get(household_id)
        if current is not None and due_at < current.next_due_at:
            moves[(due_at, reason)].append(current.pk)
    stamp = now()
    for (due_at, reason), keys in moves.items():
        for start in range(0, len(keys), BATCH):
            VisitPlan.objects.filter(pk__in=keys[start : start + BATCH]).update(
                next_due_at=due_at, urgent_reason=reason, updated_at=stamp
            )
    missing = [household_id for household_id in ids if household_id not in plans]
    divisions: dict[uuid.UUID, int] = {}
    colours: dict[uuid.UUID, int] = {}
    for start in range(0, len(missing), BATCH):
        chunk = missing[start : start + BATCH]
        divisions.update(household_divisions(household_ids=chunk))
        colours.update((h, c) for h, _d, c in household_colours(household_ids=chunk))
    created = VisitPlan.objects.bulk_create(
        [
            VisitPlan(
                household_id=household_id,
                division_id=divisions[household_id],
                colour=colours.get(household_id, Colour.RED),
                next_due_at=earliest[household_id][0],
                urgent_reason=earliest[household_id][1],
            )
            for household_id in missing
            if household_id in divisions
        ],
        batch_size=BATCH,
    )
    moved = sum(len(keys) for keys in moves.values())
    if moved or created:
        audit_record(
            actor=system_user(),
            action=AuditAction.UPDATE,
            target_type=PLAN_TARGET,
            target_id="urgent",
            changes={"moved": moved, "created": len(created)},
        )
    return moved + len(created)
