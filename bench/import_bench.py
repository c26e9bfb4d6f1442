"""Importing a county-sized department feed: stage and link, merge, then the same file again.

    .venv/bin/python bench/import_bench.py
    .venv/bin/python bench/import_bench.py --persons 700000 --department police \
        --database-url postgres://postgres@127.0.0.1:5432/postgres

Uses the bench database of ``_setup`` (seeded once, then reused). Earlier imports, source
records, review pairs and address aliases are deleted first, so the first import does all the
work a new county would: checking every row, matching every new address string, linking to the
registry, staging and merging. The second import of the same bytes must change nothing: the
benchmark compares the number and the digests of all source records and data items before and
after, and fails if they differ. Prints one JSON line.
"""

import argparse
import datetime as dt
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

from _setup import configure, ensure_seeded, peak_rss_mib


def _fingerprint() -> dict[str, object]:
    """Counts and an order-independent digest of every source record and data item."""
    from minzheng.integration.models import DataItem, SourceRecord

    records = hashlib.sha256()
    for record in SourceRecord.objects.order_by("department", "record_id", "as_of").values_list(
        "id", "record_id", "digest", "updated_at"
    ):
        records.update(repr(record).encode())
    items = hashlib.sha256()
    for item in DataItem.objects.order_by("id").values_list("id", "key", "text", "number"):
        items.update(repr(item).encode())
    return {
        "source_records": SourceRecord.objects.count(),
        "data_items": DataItem.objects.count(),
        "records_digest": records.hexdigest()[:16],
        "items_digest": items.hexdigest()[:16],
    }


def _clear(department: str) -> None:
    """Delete earlier imports in bulk: the ORM would load 700,000 rows to cascade them."""
    from django.db import connection, transaction

    from minzheng.addresses.models import AddressAlias
    from minzheng.integration.models import (
        DataItem,
        FeedImport,
        LinkReview,
        SourceRecord,
        StagedRecord,
    )

    with transaction.atomic(), connection.cursor() as cursor:
        for model in (DataItem, SourceRecord, LinkReview, StagedRecord, FeedImport):
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - a table name from _meta
        AddressAlias.objects.filter(source=department).delete()


def _import_once(path: Path, department: str, as_of: "dt.date") -> dict[str, object]:
    from minzheng.integration.services.feed_imports import (
        column_mapping_suggest,
        feed_import_columns_set,
        feed_import_upload,
    )
    from minzheng.integration.services.feed_merge import (
        feed_import_merge,
        feed_import_merge_start,
    )
    from minzheng.integration.services.feed_prepare import feed_import_prepare

    started = time.perf_counter()
    feed_import = feed_import_upload(
        actor=None, department=department, as_of=as_of, file_name=path.name, data=path.read_bytes()
    )
    columns = column_mapping_suggest(department=department, header=feed_import.header)
    feed_import_columns_set(actor=None, feed_import=feed_import, columns=columns, run=False)
    steps: dict[str, float] = {}
    step, step_started = "上传与读表头", time.perf_counter()

    def progress(percent: int, label: str) -> None:
        # Each report starts a step; the time since the previous one belongs to that step.
        nonlocal step, step_started
        now = time.perf_counter()
        steps[step] = round(now - step_started, 1)
        step, step_started = label, now

    feed_import = feed_import_prepare(feed_import_id=feed_import.id, progress=progress)
    staged = time.perf_counter()
    steps[step] = round(staged - step_started, 1)
    feed_import_merge_start(actor=None, feed_import=feed_import, run=False)
    counts = feed_import_merge(feed_import_id=feed_import.id)
    if counts is None:  # another attempt took over: nothing of this run was written
        raise SystemExit("the merge was taken over by another attempt")
    merged = time.perf_counter()
    return {
        "rows": feed_import.row_count,
        "invalid": feed_import.invalid_count,
        "matched": feed_import.matched_count,
        "review": feed_import.review_count,
        "unmatched": feed_import.unmatched_count,
        "created": counts.created,
        "changed": counts.changed,
        "unchanged": counts.unchanged,
        "stage_and_link_seconds": round(staged - started, 1),
        "merge_seconds": round(merged - staged, 1),
        "steps": steps,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=700_000)
    parser.add_argument("--department", default="police")
    parser.add_argument("--database-url", default=None, help="PostgreSQL server; SQLite if unset")
    args = parser.parse_args()

    database = configure(persons=args.persons, database_url=args.database_url)
    ensure_seeded(persons=args.persons)
    from minzheng.demo.feeds.writer import write_feeds
    from minzheng.demo.generator import AS_OF

    _clear(args.department)
    with tempfile.TemporaryDirectory(prefix="import-bench-") as directory:
        write_feeds(Path(directory), seed=1, progress=False)
        path = Path(directory) / f"{args.department}.csv"
        first = _import_once(path, args.department, AS_OF)
        before = _fingerprint()
        second = _import_once(path, args.department, AS_OF)
        after = _fingerprint()
    unchanged = before == after and second["created"] == second["changed"] == 0
    result = {
        "bench": "feed_import",
        "database": database,
        "persons": args.persons,
        "department": args.department,
        "first_import": first,
        "second_import": second,
        "registry_after_first": before,
        "reimport_changed_nothing": unchanged,
        "peak_rss_mib": round(peak_rss_mib(), 1),
    }
    print(json.dumps(result, ensure_ascii=False), flush=True)
    if not unchanged:
        sys.exit("re-importing the same file changed the source records")


if __name__ == "__main__":
    main()
