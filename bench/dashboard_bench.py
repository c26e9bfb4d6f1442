"""The dashboard page at county scale, through the whole Django stack in process.

    .venv/bin/python bench/dashboard_bench.py [--persons 700000] [--samples 200] [--refreshes 5]

Needs the profiles that ``bench/profile_bench.py`` writes into the same bench database (and,
for warnings to count, the day of events of ``bench/monitoring_bench.py``). First times
``loop_tallies_refresh`` (the hourly 预警/探访 aggregates) ``--refreshes`` times and prints one
JSON line for it; then logs in as the county caseworker and as a township worker, requests
``/dashboard/`` (and a 镇街's drill-down) ``--samples`` times each and prints one JSON line per
path with the median and p95 in milliseconds. The issue's bar is p95 ≤ 300 ms.
"""

import argparse
import json
import time

from _setup import configure


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=700_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--refreshes", type=int, default=5)
    parser.add_argument("--database-url")
    options = parser.parse_args()
    label = configure(persons=options.persons, database_url=options.database_url)
    from django.core.management import call_command
    from django.test import Client

    from minzheng.accounts.models import User
    from minzheng.core.clock import today
    from minzheng.dashboard.services import loop_tallies_refresh
    from minzheng.profiling.models import ProfileTally

    if not ProfileTally.objects.exists():
        raise SystemExit("没有画像统计：请先运行 bench/profile_bench.py")
    call_command("migrate", verbosity=0)  # the dashboard's tallies may be newer than the data
    refresh_ms = []
    for _ in range(max(1, options.refreshes)):
        started = time.perf_counter()
        refreshed = loop_tallies_refresh(as_of=today())
        refresh_ms.append((time.perf_counter() - started) * 1000)
    print(
        json.dumps(
            {
                "database": label,
                "task": "loop_tallies_refresh",
                "samples": len(refresh_ms),
                "divisions": refreshed.divisions,
                "warnings_open": refreshed.warnings_open,
                "warnings_closed": refreshed.warnings_closed,
                "lead_warnings": refreshed.lead_warnings,
                "median_ms": round(_percentile(refresh_ms, 0.5), 1),
                "max_ms": round(max(refresh_ms), 1),
            },
            ensure_ascii=False,
        )
    )
    for username, path in (
        ("county_caseworker", "/dashboard/"),
        ("county_caseworker", "/dashboard/?township=330482001000"),
        ("township_danghu", "/dashboard/"),
    ):
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(User.objects.get(username=username, is_synthetic=True))
        samples = []
        for _ in range(options.samples):
            started = time.perf_counter()
            response = client.get(path)
            samples.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"HTTP {response.status_code} for {path}")
        print(
            json.dumps(
                {
                    "database": label,
                    "user": username,
                    "path": path,
                    "samples": len(samples),
                    "median_ms": round(_percentile(samples, 0.5), 1),
                    "p95_ms": round(_percentile(samples, 0.95), 1),
                },
                ensure_ascii=False,
            )
        )


if __name__ == "__main__":
    main()
