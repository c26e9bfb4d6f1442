"""Shared set-up for benchmarks: point Django at a dedicated database, migrate, seed once.

Benchmarks never touch the demo database under var/minzheng.sqlite3: SQLite runs use
var/bench/county-<persons>.sqlite3, PostgreSQL runs a database named minzheng_bench_<persons>.
"""

import os
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def configure(*, persons: int, database_url: str | None) -> str:
    """Set the environment for Django before it is imported; returns a label for the run."""
    if database_url:
        base, _, _ = database_url.rpartition("/")
        url = f"{base}/minzheng_bench_{persons}"
        _create_postgres_database(database_url, f"minzheng_bench_{persons}")
        os.environ["DATABASE_URL"] = url
        label = "postgresql"
    else:
        path = ROOT / "var" / "bench" / f"county-{persons}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        label = "sqlite"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.local")
    os.environ["DJANGO_LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    return label


def _create_postgres_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def ensure_seeded(*, persons: int, seed: int = 1) -> None:
    """Migrate, then seed the demo county unless it already holds exactly ``persons`` people."""
    from django.core.management import call_command

    from minzheng.demo.services import demo_seed
    from minzheng.registry.models import Person

    call_command("migrate", verbosity=0)
    if Person.objects.count() != persons:
        demo_seed(persons=persons, seed=seed, reset=True, progress=True)


def peak_rss_mib() -> float:
    """Peak resident memory of this process and its finished children, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024
