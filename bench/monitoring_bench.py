"""A day of monitoring events for the county to deduplicated warnings.

    .venv/bin/python bench/monitoring_bench.py [--persons 700000] [--events 50000]

Uses the bench registry (seeded once by ``_setup``) and its current profiles if any. Draws
``--events`` events of every kind for random registered persons (some persons twice, so the
dedup per household and cause is exercised), imports them through ``events_import`` (in
5,000-row batches, as the command does) and raises warnings with ``warnings_from_events``,
then profiles the county again on that day so the shocks make households 急难型 (timed apart).
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=700_000)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--database-url")
    options = parser.parse_args()
    label = configure(persons=options.persons, database_url=options.database_url)
    ensure_seeded(persons=options.persons)
    from minzheng.monitoring.models import MonitoringEvent, Warning
    from minzheng.monitoring.services.events import events_import
    from minzheng.monitoring.services.warnings import warnings_from_events
    from minzheng.profiling.models import HouseholdProfile
    from minzheng.profiling.services import profiles_run
    from minzheng.registry.models import Person

    MonitoringEvent.objects.filter(source=SOURCE).delete()
    Warning.objects.all().delete()
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
                "peak_rss_mib": round(peak_rss_mib()),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
