"""Writing every demo department feed for a seeded county: seconds, peak memory, rows per file.

    .venv/bin/python bench/feeds_bench.py
    .venv/bin/python bench/feeds_bench.py --persons 700000 \
        --database-url postgres://postgres@127.0.0.1:5432/postgres

Uses the bench database of ``_setup`` (var/bench/county-<persons>.sqlite3 on SQLite), seeding it
first only if it does not already hold exactly ``persons`` people. Feeds go to a temporary
directory that is removed afterwards. Prints one JSON line. Target: 700,000 persons well under
a minute and 2 GiB.
"""

import argparse
import json
import tempfile
import time
from pathlib import Path

from _setup import configure, ensure_seeded, peak_rss_mib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=700_000)
    parser.add_argument("--seed", type=int, default=1, help="feed seed")
    parser.add_argument("--database-url", default=None, help="PostgreSQL server; SQLite if unset")
    parser.add_argument("--progress", action="store_true", help="show progress bars on stderr")
    args = parser.parse_args()

    database = configure(persons=args.persons, database_url=args.database_url)
    ensure_seeded(persons=args.persons)
    from minzheng.demo.feeds.writer import write_feeds

    with tempfile.TemporaryDirectory(prefix="feeds-bench-") as directory:
        started = time.perf_counter()
        summary = write_feeds(Path(directory), seed=args.seed, progress=args.progress)
        elapsed = time.perf_counter() - started
        megabytes = sum(p.stat().st_size for p in Path(directory).iterdir()) / 2**20
    result = {
        "bench": "demo_feeds",
        "database": database,
        "persons": args.persons,
        "seconds": round(elapsed, 1),
        "peak_rss_mib": round(peak_rss_mib(), 1),
        "output_mib": round(megabytes, 1),
        "rows": summary.rows,
    }
    print(json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
