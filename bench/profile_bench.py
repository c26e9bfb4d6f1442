"""精准画像 at county scale: ``profiles_run`` over the bench registry's current rules run.

    .venv/bin/python bench/profile_bench.py [--persons 700000] [--database-url postgres://…]

Needs the current determination run that ``bench/rules_bench.py --parts county`` stores in the
same bench database (run that first). Times two runs: the first writes every profile and a
timeline entry for each; the second finds nothing changed. The issue's bar is 60 s for 700,000
persons on 2 cores. Prints one JSON line.
"""

import argparse
import datetime as dt
import json
import time

from _setup import configure, peak_rss_mib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=700_000)
    parser.add_argument("--database-url")
    options = parser.parse_args()
    label = configure(persons=options.persons, database_url=options.database_url)
    from django.core.management import call_command

    from minzheng.accounts.system import system_user
    from minzheng.profiling.models import HouseholdProfile, ProfileChange
    from minzheng.profiling.services import profiles_run

    call_command("migrate", verbosity=0)
    HouseholdProfile.objects.all().delete()
    ProfileChange.objects.all().delete()
    as_of = dt.date(2026, 11, 1)
    started = time.perf_counter()
    first = profiles_run(actor=system_user(), as_of=as_of)
    first_seconds = time.perf_counter() - started
    started = time.perf_counter()
    second = profiles_run(actor=system_user(), as_of=as_of)
    second_seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "database": label,
                "households": first.households,
                "profiled": first.profiled,
                "by_colour": first.by_colour,
                "first_run_seconds": round(first_seconds, 2),
                "first_run_changes": first.changes,
                "second_run_seconds": round(second_seconds, 2),
                "second_run_changes": second.changes,
                "peak_rss_mib": round(peak_rss_mib()),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
