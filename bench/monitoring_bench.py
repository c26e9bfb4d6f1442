"""A day of monitoring events for the county to deduplicated warnings.

    .venv/bin/python bench/monitoring_bench.py [--persons 700000] [--events 50000]

Uses the bench registry (seeded once by ``_setup``) and its current profiles if any. Draws
``--events`` events of every kind for random registered persons (some persons twice, so the
dedup per household and cause is exercised), imports them through ``events_import`` (in
5,000-row batches, as the command does) and raises warnings with ``warnings_from_events``,
then profiles the county again on that day so the shocks make households 急难型 (timed apart).
Last, ``--assisted`` warnings are closed as 纳入救助 with decided applications (untimed), so
``dashboard_bench.py`` measures the lead-time tallies on a county's worth of outcomes.
Earlier bench events and warnings are deleted first. The issue's bar is 30 s for 50,000
events. Prints one JSON line.
"""

import argparse
import datetime as dt
import json
import random
import time

from _setup import configure, ensure_seeded, peak_rss_mib

KINDS = (
    ("big_medical_bill", "25000"),
    ("big_medical_bill", "150000"),
    ("death", ""),
    ("disability_certificate", ""),
    ("unemployment", ""),
    ("utility_arrears", ""),
    ("vehicle_purchase", "120000"),
    ("property_purchase", "900000"),
    ("disaster", ""),
)
SOURCE = "基准测试"
APPLICATION_PREFIX = "BENCH"


def _close_as_assisted(count: int, *, decided_on: dt.date) -> int:
    """Close ``count`` warnings as 纳入救助 with decided applications, bulk-written, so the
    dashboard's lead-time tallies have a year's worth of outcomes to read. The events of each
    are moved back 1–120 days before the decision (a spread of lead times)."""
    import uuid

    from django.db import transaction
    from django.utils import timezone

    from minzheng.accounts.models import User
    from minzheng.cases.models import Application
    from minzheng.core.bulk import Constant, TableLoad, base_columns, columns_set, write_table
    from minzheng.monitoring.models import MonitoringEvent, Warning

    rows = list(
        Warning.objects.order_by("id").values_list("id", "household_id", "division_code")[:count]
    )
    # Taken and decided by two different people, as separation of duties asks (ADR 0016).
    staff = list(User.objects.filter(is_synthetic=True).order_by("username")[:2])
    taker, approver = (staff[0], staff[-1]) if staff else (None, None)
    decided_at = timezone.make_aware(dt.datetime.combine(decided_on, dt.time(10)))
    ids = [uuid.uuid4().hex for _ in rows]
    with transaction.atomic():
        write_table(
            TableLoad(
                Application,
                len(rows),
                {
                    **base_columns(len(rows)),
                    "id": ids,
                    "number": [f"{APPLICATION_PREFIX}{n:07d}" for n in range(len(rows))],
                    "household_id": [household.hex for _w, household, _d in rows],
                    "division_id": [division for _w, _h, division in rows],
                    "channel": Constant("window"),
                    "has_consent": Constant(True),
                    "consent_date": Constant(decided_on),
                    "consent_signed_by": Constant("户主"),
                    "consent_document": Constant(""),
                    "as_of": Constant(decided_on),
                    "status": Constant("approved"),
                    "current_step": Constant(""),
                    "taken_by_id": Constant(taker.pk if taker else None),
                    "prefill": Constant({}),
                    "case": Constant({}),
                    "case_sources": Constant({}),
                    "rules_result": Constant({}),
                    "rules_version": Constant(""),
                    "publicity_starts_on": Constant(None),
                    "publicity_ends_on": Constant(None),
                    "decision_number": Constant(""),
                    "decided_at": Constant(decided_at),
                    "decided_by_id": Constant(approver.pk if approver else None),
                    "decision_reason": Constant(""),
                    "start_month": Constant(None),
                },
            ),
            progress=False,
        )
        columns_set(
            Warning,
            [warning.hex for warning, _h, _d in rows],
            {
                "application": ids,
                "status": Constant("closed"),
                "outcome": Constant("assisted"),
                "closed_at": Constant(decided_at),
                "evidence": Constant({}),
            },
        )
        rng = random.Random(11)
        by_lead: dict[int, list[uuid.UUID]] = {}
        for warning, _h, _d in rows:
            by_lead.setdefault(rng.randint(1, 120), []).append(warning)
        for lead, warnings in by_lead.items():
            MonitoringEvent.objects.filter(warning_id__in=warnings).update(
                occurred_on=decided_on - dt.timedelta(days=lead)
            )
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=700_000)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--assisted", type=int, default=10_000)
    parser.add_argument("--database-url")
    options = parser.parse_args()
    label = configure(persons=options.persons, database_url=options.database_url)
    ensure_seeded(persons=options.persons)
    from minzheng.cases.models import Application
    from minzheng.core.clock import today
    from minzheng.monitoring.models import MonitoringEvent, Warning
    from minzheng.monitoring.services.events import events_import
    from minzheng.monitoring.services.warnings import warnings_from_events
    from minzheng.profiling.models import HouseholdProfile
    from minzheng.profiling.services import profiles_run
    from minzheng.registry.models import Person

    MonitoringEvent.objects.filter(source=SOURCE).delete()
    Warning.objects.all().delete()
    Application.objects.filter(number__startswith=APPLICATION_PREFIX).delete()
    numbers = list(Person.objects.exclude(id_number="").values_list("id_number", flat=True))
    rng = random.Random(5)
    picked = rng.sample(numbers, options.events * 9 // 10)
    picked += rng.sample(picked, options.events - len(picked))  # some persons twice
    as_of = dt.date(2026, 11, 20)
    rows = []
    for line, number in enumerate(picked, start=1):
        kind, amount = KINDS[line % len(KINDS)]
        rows.append(
            {
                "line": line,
                "record_id": f"BENCH-{line:06d}",
                "id_number": number,
                "kind": kind,
                "occurred_on": (as_of - dt.timedelta(days=line % 3)).isoformat(),
                "amount": amount,
                "months": "4" if kind == "utility_arrears" else "",
            }
        )
    started = time.perf_counter()
    imported = events_import(rows=rows, source=SOURCE)
    import_seconds = time.perf_counter() - started
    started = time.perf_counter()
    raised = warnings_from_events(as_of=as_of)
    raise_seconds = time.perf_counter() - started
    # The shocks on file feed 急难型: profile the county again on the day of the events.
    started = time.perf_counter()
    profiled = profiles_run(as_of=as_of)
    profile_seconds = time.perf_counter() - started
    emergency = HouseholdProfile.objects.filter(primary=0).count()
    # Decided yesterday, so they fall in the dashboard's year of closures whenever this runs.
    assisted = _close_as_assisted(options.assisted, decided_on=today() - dt.timedelta(days=1))
    print(
        json.dumps(
            {
                "database": label,
                "events": len(rows),
                "created": imported.created,
                "unknown_persons": imported.unknown_persons,
                "warnings_raised": raised.raised,
                "attached_to_open": raised.attached,
                "red": raised.red,
                "ignored": raised.ignored,
                "import_seconds": round(import_seconds, 2),
                "raise_seconds": round(raise_seconds, 2),
                "total_seconds": round(import_seconds + raise_seconds, 2),
                "profiled_after": profiled.profiled,
                "emergency_primary": emergency,
                "profile_with_shocks_seconds": round(profile_seconds, 2),
                "closed_as_assisted_for_the_dashboard": assisted,
                "peak_rss_mib": round(peak_rss_mib()),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
