"""Household search and household page latency at county scale, through the real views.

    .venv/bin/python bench/registry_bench.py --persons 700000
    .venv/bin/python bench/registry_bench.py --persons 700000 \
        --database-url postgres://postgres@127.0.0.1:5432/postgres

Each request goes through Django's full stack in process (middleware, session, scoping, audit
insert, template rendering) as a county caseworker, whose jurisdiction is the widest. Prints one
JSON line per measurement.
"""

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable
from functools import partial

from _setup import configure, ensure_seeded
from django.http.response import HttpResponseBase


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _timed_ms(call: Callable[[], HttpResponseBase]) -> float:
    """Milliseconds for one request, which must succeed: a fast error page measures nothing."""
    started = time.perf_counter()
    response = call()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"benchmark request failed with HTTP {response.status_code}")
    return elapsed


def _queries(count: int, rng: random.Random) -> dict[str, list[str]]:
    """Real values from the seeded registry, sampled at random positions."""
    from minzheng.registry.models import Household, Person

    total = Person.objects.count()
    people = [Person.objects.order_by("pk")[rng.randrange(total)] for _ in range(count)]
    homes = Household.objects.select_related("address").filter(memberships__person__in=people)
    addresses = [h.address.full_text for h in homes if h.address]
    return {
        "name": [p.name for p in people],
        "initials": [p.name_initials[:3] for p in people],
        "id_number": [p.id_number for p in people],
        "phone": [p.phone for p in people],
        # A caseworker types the community and the start of the road, not the whole address.
        "address": [text[4 : 4 + rng.randrange(4, 9)] for text in addresses],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=700_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--samples", type=int, default=60)
    args = parser.parse_args()
    database = configure(persons=args.persons, database_url=args.database_url)
    ensure_seeded(persons=args.persons)

    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from minzheng.accounts.models import User
    from minzheng.registry.models import Household

    rng = random.Random(7)
    queries = _queries(args.samples, rng)
    # The widest jurisdiction, and a township: there a name search skips the county's other
    # townships' matches before it fills a page.
    for username in ("county_caseworker", "township_danghu"):
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(User.objects.get(username=username, is_synthetic=True))
        overall: list[float] = []
        for field, values in queries.items():
            samples = [
                _timed_ms(partial(client.get, "/registry/households/", {"q": value}))
                for value in values
            ]
            overall += samples
            _report(database, f"search.{field}", samples, args.persons, actor=username)
        _report(database, "search.all", overall, args.persons, actor=username)

    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(User.objects.get(username="county_caseworker", is_synthetic=True))
    homes = list(Household.objects.order_by("?").values_list("pk", flat=True)[: args.samples])
    page_samples: list[float] = []
    counts = set()
    for pk in homes:
        with CaptureQueriesContext(connection) as captured:
            page_samples.append(_timed_ms(partial(client.get, f"/registry/households/{pk}/")))
        counts.add(len(captured.captured_queries))
        reset_queries()
    _report(database, "household_page", page_samples, args.persons, queries=sorted(counts))


def _report(database: str, name: str, samples: list[float], persons: int, **extra: object) -> None:
    print(
        json.dumps(
            {
                "bench": name,
                "database": database,
                "persons": persons,
                "n": len(samples),
                "p50_ms": round(statistics.median(samples), 1),
                "p95_ms": round(_percentile(samples, 0.95), 1),
                "max_ms": round(max(samples), 1),
                **extra,
            },
            ensure_ascii=False,
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
