"""A running import step's heartbeat: a small file the worker rewrites while it works.

Why a file beside the stored feed and not the import's row (ADR 0025): the merge is one
transaction, so any update of the row made during it is invisible to every other connection
until it commits (the page showed 入库中 0% for the whole merge, and 0% forever once the
worker was killed), and SQLite lets one connection write at a time. The worker already reads
the uploaded feed from the default storage, so the web server and every worker share it.

A step beats every ``BEAT_EVERY`` from a thread of its own, whatever it is doing, so a long
silent step (linkage of a large file) is not mistaken for a dead one; a step whose last beat
is older than ``STALE_AFTER`` has lost its worker and may be retried.
"""

import datetime as dt
import json
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils.timezone import now

from minzheng.integration.enums import RUNNING_STATUSES
from minzheng.integration.models import FeedImport

BEAT_EVERY = dt.timedelta(seconds=10)
# Twelve missed beats: a busy machine delays a beat by seconds, not by minutes.
STALE_AFTER = dt.timedelta(minutes=2)


@dataclass(frozen=True)
class Heartbeat:
    attempt: int
    percent: int
    label: str
    at: dt.datetime


def _name(feed_import_id: uuid.UUID | str) -> str:
    return f"feeds/{feed_import_id}.heartbeat.json"


def heartbeat_read(feed_import_id: uuid.UUID | str) -> Heartbeat | None:
    """The last beat, or None before the first one (or while one is being rewritten)."""
    name = _name(feed_import_id)
    try:
        with default_storage.open(name, "rb") as handle:
            data = json.loads(handle.read())
        return Heartbeat(
            attempt=int(data["attempt"]),
            percent=int(data["percent"]),
            label=str(data["label"]),
            at=dt.datetime.fromisoformat(data["at"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def heartbeat_clear(feed_import_id: uuid.UUID | str) -> None:
    _delete(_name(feed_import_id))


def _delete(name: str) -> None:
    if default_storage.exists(name):
        default_storage.delete(name)


def _is_stale(
    *,
    attempt: int,
    started_at: dt.datetime | None,
    heartbeat: Heartbeat | None,
) -> bool:
    """True when the current attempt has not beaten for ``STALE_AFTER``.

    An attempt that never beat is judged by its start: queued that long, no worker took it.
    """
    at = now()
    if heartbeat is not None and heartbeat.attempt == attempt:
        return at - heartbeat.at > STALE_AFTER
    return started_at is None or at - started_at > STALE_AFTER


def import_stalled(feed_import: FeedImport) -> bool:
    """A running step whose worker has stopped beating: it can be retried (or discarded)."""
    if feed_import.status not in RUNNING_STATUSES:
        return False
    return _is_stale(
        attempt=feed_import.attempt,
        started_at=feed_import.attempt_started_at,
        heartbeat=heartbeat_read(feed_import.id),
    )


class Beating:
    """Beats for one attempt while a step runs; ``report`` sets what the beats say."""

    def __init__(self, feed_import_id: uuid.UUID | str, attempt: int) -> None:
        self._id = feed_import_id
        self._attempt = attempt
        self._percent = 0
        self._label = ""
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="feed-heartbeat", daemon=True)

    def __enter__(self) -> "Beating":
        self._beat()
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
        beat = heartbeat_read(self._id)
        if beat is None or beat.attempt == self._attempt:  # a newer attempt's beat stays
            heartbeat_clear(self._id)

    def report(self, percent: int, label: str) -> None:
        with self._lock:
            self._percent, self._label = percent, label
        self._beat()

    def _run(self) -> None:
        while not self._stop.wait(BEAT_EVERY.total_seconds()):
            self._beat()

    def _beat(self) -> None:
        with self._lock:
            payload = {
                "attempt": self._attempt,
                "percent": self._percent,
                "label": self._label,
                "at": now().isoformat(),
            }
            _write(_name(self._id), json.dumps(payload).encode())


def _write(name: str, data: bytes) -> None:
    """Replace the file at once where the storage has local files, so no reader sees a gap."""
    if not isinstance(default_storage, FileSystemStorage):  # the tests' memory storage, say
        _delete(name)
        default_storage.save(name, ContentFile(data))
        return
    path = Path(default_storage.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_bytes(data)
    os.replace(partial, path)
