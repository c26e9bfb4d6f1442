"""Merging a linked feed import into the registry's source records, all or nothing.

A source record is keyed by (department, record_id, as_of) and carries a digest of its fields
and items, so merging the same data again writes nothing and says so in its counts.
"""

import datetime as dt
import hashlib
import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.timezone import now
from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import require_capability
from minzheng.core.bulk import Constant, TableLoad, uuid4_hex, write_table
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError
from minzheng.integration.departments import SPECS, DepartmentSpec
from minzheng.integration.enums import Department, ImportStatus, MatchStatus, ValueType
from minzheng.integration.models import DataItem, FeedImport, SourceRecord, StagedRecord
from minzheng.integration.services.feed_staging import uuid_hex
from minzheng.integration.services.feed_steps import (
    Progress,
    Superseded,
    attempt_begin,
    attempt_check,
    feed_import_audit,
    no_progress,
    step_running,
)
from minzheng.integration.signals import feed_import_merged
from minzheng.integration.tasks import feed_import_merge_task

logger = logging.getLogger(__name__)
# Rows written between two progress reports: a merge of the whole roll reports every few
# seconds, and the page's bar moves.
CHUNK_ROWS = 2_000


def feed_import_merge_start(
    *, actor: User | None, feed_import: FeedImport, run: bool = True
) -> FeedImport:
    if actor is not None:
        require_capability(actor=actor, capability=Capability.FEED_IMPORT)
    with transaction.atomic():
        locked = FeedImport.objects.select_for_update().get(id=feed_import.id)
        if locked.status not in {ImportStatus.LINKED, ImportStatus.MERGED}:
            raise ApplicationError(_("只有已完成匹配的导入才能入库。"), code=ErrorCode.CONFLICT)
        old = locked.status
        locked.save(update_fields=attempt_begin(locked, ImportStatus.MERGING))
        feed_import_audit(
            actor=actor,
            action=AuditAction.UPDATE,
            feed_import_id=locked.id,
            changes={"status": [old, ImportStatus.MERGING]},
        )
        if run:
            import_id, attempt = str(locked.id), locked.attempt
            transaction.on_commit(lambda: feed_import_merge_task.enqueue(import_id, attempt))
    return locked


@dataclass(frozen=True)
class MergeCounts:
    created: int
    changed: int
    unchanged: int


def feed_import_merge(
    *,
    feed_import_id: uuid.UUID | str,
    attempt: int | None = None,
    progress: Progress = no_progress,
) -> MergeCounts | None:
    """Write the matched rows into the registry's source records, all or nothing.

    ``attempt``: the attempt this run was queued as. None when a run of an older attempt
    found a newer one and wrote nothing.
    """
    feed_import = FeedImport.objects.get(id=feed_import_id)
    try:
        attempt = attempt_check(feed_import, status=ImportStatus.MERGING, attempt=attempt)
    except Superseded:
        return None
    try:
        with step_running(feed_import, attempt, progress) as report, transaction.atomic():
            counts = _merge(feed_import, report)
            # Locked only now, so clerks deciding reviews of this import are not held up by
            # the merge; a newer attempt (a retry) undoes all of this run.
            locked = FeedImport.objects.select_for_update().get(id=feed_import.id)
            attempt_check(locked, status=ImportStatus.MERGING, attempt=attempt)
            feed_import_merged.send(
                sender=FeedImport,
                department=locked.department,
                feed_import_id=locked.id,
                as_of=locked.as_of,
            )
            locked.status = ImportStatus.MERGED
            locked.created_count = counts.created
            locked.changed_count = counts.changed
            locked.unchanged_count = counts.unchanged
            locked.merged_at = now()
            locked.failure = ""
            # The staged rows hold what a later merge needs; the uploaded copy is not kept.
            stored, locked.stored_file = locked.stored_file, ""
            locked.save(
                update_fields=[
                    "status",
                    "created_count",
                    "changed_count",
                    "unchanged_count",
                    "merged_at",
                    "failure",
                    "stored_file",
                    "updated_at",
                ]
            )
            feed_import_audit(
                actor=None,
                action=AuditAction.UPDATE,
                feed_import_id=locked.id,
                changes={
                    "status": [ImportStatus.MERGING, ImportStatus.MERGED],
                    "created": counts.created,
                    "changed": counts.changed,
                    "unchanged": counts.unchanged,
                },
            )
            if stored:
                transaction.on_commit(lambda: default_storage.delete(stored))
    except Superseded:
        return None
    except Exception as error:
        # The type only: an exception's message may quote a cell of the file.
        logger.error(
            "feed import %s failed while merging: %s", feed_import.id, type(error).__name__
        )
        # Nothing was merged; the staged rows are intact, so the clerk can try again. A
        # refusal in Chinese (from a receiver of the merge, say) is shown as it is.
        failure = (
            error.message
            if isinstance(error, ApplicationError)
            else _("入库失败，未写入任何数据；可稍后重试或联系系统管理员。")
        )
        FeedImport.objects.filter(
            id=feed_import.id, attempt=attempt, status=ImportStatus.MERGING
        ).update(status=ImportStatus.LINKED, failure=str(failure))
        raise
    return counts


_SOURCE_FIELDS = ("name", "id_number", "gender", "birth_date", "phone", "address")


def _merge(feed_import: FeedImport, report: Progress) -> MergeCounts:
    spec = SPECS[Department(feed_import.department)]
    report(5, _("读取已匹配记录"))
    staged = list(
        StagedRecord.objects.filter(
            feed_import=feed_import, match_status=MatchStatus.MATCHED
        ).values_list(
            "record_id",
            "person_id",
            "match_probability",
            "standard_address_id",
            "items",
            *_SOURCE_FIELDS,
        )
    )
    existing = {
        record_id: (record_pk, digest)
        for record_pk, record_id, digest in SourceRecord.objects.filter(
            department=feed_import.department, as_of=feed_import.as_of
        ).values_list("id", "record_id", "digest")
    }
    new_rows: list[tuple[object, ...]] = []
    new_digests: list[str] = []
    changed: list[tuple[uuid.UUID, tuple[object, ...], str]] = []
    unchanged = 0
    for row in staged:
        digest = _digest(row)
        known = existing.get(row[0])
        if known is None:
            new_rows.append(row)
            new_digests.append(digest)
        elif known[1] == digest:
            unchanged += 1
        else:
            changed.append((known[0], row, digest))
    total, done = len(changed) + len(new_rows), 0

    def written(count: int) -> None:
        nonlocal done
        done += count
        label = _("写入部门记录（%(done)d/%(total)d 行）") % {"done": done, "total": total}
        report(30 + 65 * done // total, label)

    for replaced in _chunks(changed):
        _replace(feed_import, spec, replaced)
        written(len(replaced))
    for inserted, digests in zip(_chunks(new_rows), _chunks(new_digests), strict=True):
        _insert(feed_import, spec, inserted, digests)
        written(len(inserted))
    report(95, _("完成"))
    return MergeCounts(created=len(new_rows), changed=len(changed), unchanged=unchanged)


def _chunks[T](rows: Sequence[T]) -> list[Sequence[T]]:
    return [rows[start : start + CHUNK_ROWS] for start in range(0, len(rows), CHUNK_ROWS)]


def _digest(row: tuple[object, ...]) -> str:
    person, items, fields = row[1], row[4], row[5:]
    payload = json.dumps(
        [str(person), str(row[3]), items, [str(v) if v is not None else "" for v in fields]],
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha1(payload.encode(), usedforsecurity=False).hexdigest()


def _insert(
    feed_import: FeedImport,
    spec: DepartmentSpec,
    rows: Sequence[tuple[object, ...]],
    digests: Sequence[str],
) -> None:
    keys = uuid4_hex(np.random.default_rng(), len(rows)).astype(np.str_).tolist()
    stamp = Constant(now())
    columns: dict[str, object] = {
        "id": keys,
        "created_at": stamp,
        "updated_at": stamp,
        "person_id": [uuid_hex(r[1]) for r in rows],  # type: ignore[arg-type]
        "department": Constant(feed_import.department),
        "record_id": [r[0] for r in rows],
        "as_of": Constant(feed_import.as_of.isoformat()),
        "feed_import_id": Constant(feed_import.id.hex),
        "match_probability": [r[2] for r in rows],
        "standard_address_id": [uuid_hex(r[3]) for r in rows],  # type: ignore[arg-type]
        "digest": list(digests),
    }
    for offset, name in enumerate(_SOURCE_FIELDS):
        values = [r[5 + offset] for r in rows]
        if name == "birth_date":
            values = [v.isoformat() if isinstance(v, dt.date) else None for v in values]
        columns[name] = values
    write_table(TableLoad(SourceRecord, len(rows), columns), progress=False)  # type: ignore[arg-type]
    _items_insert(spec, keys, [r[4] for r in rows])


def _items_insert(spec: DepartmentSpec, record_keys: list[str], items: list[object]) -> None:
    owners: list[str] = []
    keys: list[str] = []
    types: list[str] = []
    texts: list[str] = []
    numbers: list[str | None] = []
    for owner, values in zip(record_keys, items, strict=True):
        for item in spec.items:
            value = values.get(item.key) if isinstance(values, dict) else None
            if value is None or item.private:
                continue
            owners.append(owner)
            keys.append(item.key)
            types.append(item.value_type)
            is_text = item.value_type in (ValueType.TEXT, ValueType.DATE)
            texts.append(value if is_text else "")
            numbers.append(None if is_text else value)
    write_table(
        TableLoad(
            DataItem,
            len(owners),
            {
                "source_record_id": owners,
                "key": keys,
                "value_type": types,
                "text": texts,
                "number": numbers,
            },
        ),
        progress=False,
    )


def _replace(
    feed_import: FeedImport,
    spec: DepartmentSpec,
    changed: Sequence[tuple[uuid.UUID, tuple[object, ...], str]],
) -> None:
    """A record whose content changed since the same date was merged: new values win."""
    for record_pk, row, digest in changed:
        values = dict(zip(_SOURCE_FIELDS, row[5:], strict=True))
        SourceRecord.objects.filter(id=record_pk).update(
            person_id=row[1],
            match_probability=row[2],
            standard_address_id=row[3],
            feed_import=feed_import,
            digest=digest,
            updated_at=now(),
            **values,
        )
    DataItem.objects.filter(source_record_id__in=[pk for pk, _row, _d in changed]).delete()
    _items_insert(spec, [pk.hex for pk, _row, _d in changed], [row[4] for _pk, row, _d in changed])
