"""Importing the demo feeds through the same path a clerk's upload takes."""

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from minzheng.demo.generator import AS_OF
from minzheng.integration.enums import Department
from minzheng.integration.services.feed_imports import (
    column_mapping_suggest,
    feed_import_columns_set,
    feed_import_upload,
)
from minzheng.integration.services.feed_merge import feed_import_merge, feed_import_merge_start
from minzheng.integration.services.feed_prepare import feed_import_prepare


@dataclass(frozen=True)
class DemoImport:
    department: str
    rows: int
    matched: int
    review: int
    unmatched: int
    created: int


def demo_feeds_import(directory: Path, *, progress: bool = True) -> list[DemoImport]:
    """Import every department file in ``directory`` (as written by ``write_feeds``) and merge.

    Uncertain links stay in the review queue, which is what a demo of it needs.
    """
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    results = []
    departments = [code for code in manifest["sources"] if code in Department.values]
    for code in tqdm(departments, desc="导入部门数据", file=sys.stderr, disable=not progress):
        path = directory / f"{code}.csv"
        feed_import = feed_import_upload(
            actor=None, department=code, as_of=AS_OF, file_name=path.name, data=path.read_bytes()
        )
        columns = column_mapping_suggest(department=code, header=feed_import.header)
        feed_import_columns_set(actor=None, feed_import=feed_import, columns=columns, run=False)
        feed_import = feed_import_prepare(feed_import_id=feed_import.id)
        feed_import_merge_start(actor=None, feed_import=feed_import, run=False)
        counts = feed_import_merge(feed_import_id=feed_import.id)
        if counts is None:  # a retry from the page took over; it reports for itself
            continue
        results.append(
            DemoImport(
                department=code,
                rows=feed_import.row_count,
                matched=feed_import.matched_count,
                review=feed_import.review_count,
                unmatched=feed_import.unmatched_count,
                created=counts.created,
            )
        )
    return results
