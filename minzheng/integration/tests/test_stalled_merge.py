"""A merge whose worker is killed: nothing written, the import shown stalled, then retried.

The worker is a real ``minzheng db_worker`` process on the test database (SQLite: a file copy
of the in-memory test database, copied back after; PostgreSQL: the test database itself),
killed with SIGKILL while it writes.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

from minzheng.integration import heartbeat
from minzheng.integration.enums import Department, ImportStatus, MatchStatus
from minzheng.integration.heartbeat import heartbeat_read
from minzheng.integration.models import FeedImport, SourceRecord, StagedRecord
from minzheng.integration.selectors.imports import feed_import_progress
from minzheng.integration.services.feed_merge import feed_import_merge_start
from minzheng.integration.services.feed_retry import feed_import_retry
from minzheng.registry.tests.factories import PersonFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROWS = 20_000  # enough for the merge to take seconds, so it can be caught writing
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
WORKER = Path(sys.executable).parent / "minzheng"


class SharedDatabase:
    """The test database as another process sees it."""

    def __init__(self, directory: Path) -> None:
        self.file = directory / "shared.sqlite3"
        self.sqlite = connection.vendor == "sqlite"

    def url(self) -> str:
        if self.sqlite:
            return f"sqlite:///{self.file}"
        s = connection.settings_dict
        return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"

    def share(self) -> None:
        """SQLite: write the in-memory database to the file the worker opens."""
        if self.sqlite:
            connection.ensure_connection()
            target = sqlite3.connect(self.file)
            connection.connection.backup(target)
            target.close()

    def take_back(self) -> None:
        """SQLite: what the worker left in the file becomes the test's database again."""
        if self.sqlite:
            source = sqlite3.connect(self.file)
            source.backup(connection.connection)
            source.close()


@pytest.fixture
def shared_storage(tmp_path: Path) -> Iterator[Path]:
    media = tmp_path / "media"
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, MEDIA_ROOT=media, TASKS=DATABASE_TASKS):
        yield tmp_path


def _worker(var_dir: Path, database: SharedDatabase, *extra: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.django.base",
        "DATABASE_URL": database.url(),
        "MINZHENG_VAR_DIR": str(var_dir),
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(  # noqa: S603 - our own command
        [str(WORKER), "db_worker", "--no-startup-delay", "--interval", "0.1", *extra],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _linked_import() -> FeedImport:
    """A linked 残联 import whose ROWS rows all matched one of a few residents."""
    people = [PersonFactory() for _ in range(20)]
    feed_import = FeedImport.objects.create(
        department=Department.DISABILITY,
        as_of="2026-09-30",
        file_name="canlian.csv",
        file_digest="0" * 64,
        status=ImportStatus.LINKED,
        row_count=ROWS,
        matched_count=ROWS,
    )
    StagedRecord.objects.bulk_create(
        (
            StagedRecord(
                feed_import=feed_import,
                row_number=number + 2,
                record_id=f"CL{number:06d}",
                person=people[number % len(people)],
                match_status=MatchStatus.MATCHED,
                match_probability=0.99,
                items={"category": "肢体", "grade": "2.00"},
            )
            for number in range(ROWS)
        ),
        batch_size=5_000,
    )
    return feed_import


def _wait_until_writing(feed_import: FeedImport, worker: subprocess.Popen[bytes]) -> int:
    """Poll the heartbeat until the merge is writing its rows; the percent it was at."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert worker.poll() is None, worker.stderr.read().decode() if worker.stderr else ""
        beat = heartbeat_read(feed_import.id)
        if beat is not None and 30 < beat.percent < 95:
            return beat.percent
        time.sleep(0.02)
    raise AssertionError("the merge never started writing")


def test_a_killed_merge_is_shown_stalled_and_a_retry_merges_everything_once(
    shared_storage, monkeypatch, caseworker
):
    var_dir = shared_storage
    database = SharedDatabase(var_dir)
    feed_import = _linked_import()
    feed_import_merge_start(actor=caseworker, feed_import=feed_import)  # queued in the database
    database.share()

    worker = _worker(var_dir, database)
    try:
        percent = _wait_until_writing(feed_import, worker)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    database.take_back()

    feed_import.refresh_from_db()
    assert feed_import.status == ImportStatus.MERGING
    assert SourceRecord.objects.count() == 0  # the killed transaction wrote nothing
    progress = feed_import_progress(feed_import=feed_import)
    assert progress is not None
    assert progress.percent == percent  # what the page showed while it ran
    assert "写入部门记录" in progress.label
    assert not progress.stalled  # not yet: the beat is fresh

    monkeypatch.setattr(heartbeat, "STALE_AFTER", heartbeat.BEAT_EVERY / 10)
    time.sleep((heartbeat.BEAT_EVERY / 10).total_seconds() + 0.1)
    progress = feed_import_progress(feed_import=feed_import)
    assert progress is not None
    assert progress.stalled

    retried = feed_import_retry(actor=caseworker, feed_import=feed_import)  # queued again
    assert retried.attempt == feed_import.attempt + 1
    database.share()
    finished = _worker(var_dir, database, "--batch")
    assert finished.wait(timeout=300) == 0, (
        finished.stderr.read().decode() if finished.stderr else ""
    )
    database.take_back()

    feed_import.refresh_from_db()
    assert feed_import.status == ImportStatus.MERGED
    assert feed_import.created_count == ROWS
    assert SourceRecord.objects.count() == ROWS
    assert SourceRecord.objects.values("record_id").distinct().count() == ROWS
    assert heartbeat_read(feed_import.id) is None  # a finished step leaves no beat behind
