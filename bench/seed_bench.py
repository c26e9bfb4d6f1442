"""Seeding the demo county into a fresh database: elapsed seconds and peak memory.

    .venv/bin/python bench/seed_bench.py --persons 700000
    .venv/bin/python bench/seed_bench.py --persons 700000 \
        --database-url postgres://postgres@127.0.0.1:5432/postgres

SQLite runs use a new file var/bench/seed-bench.sqlite3. PostgreSQL runs drop and recreate the
database ``minzheng_bench`` on the server named by the URL (its own database is only used to
connect). Prints one JSON line. Targets: 700,000 persons in at most 180 s and 2 GiB.
"""

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench" / "seed-bench.sqlite3"
POSTGRES_DATABASE = "minzheng_bench"


def _fresh_sqlite() -> str:
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{SQLITE_PATH}"


def _fresh_postgres(admin_url: str) -> str:
    import psycopg
    from psycopg import sql

    name = sql.Identifier(POSTGRES_DATABASE)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(name))
    base, _, _ = admin_url.partition("?")[0].rpartition("/")
    return f"{base}/{POSTGRES_DATABASE}"


def _peak_rss_mib() -> dict[str, float]:
    """ru_maxrss is in KiB on Linux; children are any processes this one waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "peak_rss_mib": round(own, 1),
        "peak_rss_children_mib": round(children, 1),
        "peak_rss_total_mib": round(own + children, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=700_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default=None, help="PostgreSQL server; SQLite if unset")
    parser.add_argument("--progress", action="store_true", help="show progress bars on stderr")
    args = parser.parse_args()

    database = "postgresql" if args.database_url else "sqlite"
    url = _fresh_postgres(args.database_url) if args.database_url else _fresh_sqlite()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.local")
    os.environ["DJANGO_LOG_LEVEL"] = "WARNING"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from minzheng.demo.services import demo_seed

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    summary = demo_seed(persons=args.persons, seed=args.seed, progress=args.progress)
    finished = time.perf_counter()
    result = {
        "bench": "seed",
        "database": database,
        "persons": summary.persons,
        "households": summary.households,
        "migrate_seconds": round(migrated - started, 1),
        "generate_seconds": round(summary.generate_seconds, 1),
        "seed_seconds": round(finished - migrated, 1),
        "elapsed_seconds": round(finished - started, 1),
        **_peak_rss_mib(),
    }
    if database == "sqlite":
        result["database_mib"] = round(SQLITE_PATH.stat().st_size / 2**20, 1)
    print(json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
