"""A department feed's way into the registry: upload, map columns, stage and link, merge.

1. ``feed_import_upload`` stores the file and reads its header (status UPLOADED).
2. ``feed_import_columns_set`` saves the column mapping for the department and starts
   ``feed_import_prepare``, which checks every row, resolves addresses, links the rows to the
   registry and writes them as staged records, all in one transaction (status LINKED).
   Uncertain links become ``LinkReview`` rows for clerks.
3. ``feed_merge.feed_import_merge`` writes the linked rows as ``SourceRecord`` and ``DataItem``
   rows in one transaction (status MERGED). A source record is keyed by (department,
   record_id, as_of) with a digest of its content, so merging the same data again changes
   nothing.

A failure anywhere leaves the registry as it was: staging and merging are each one
transaction, and an import that fails says why in Chinese (status FAILED).
"""

import datetime as dt
import hashlib
import io
import json
import logging
import uuid
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pyarrow as pa
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.timezone import now
from django.utils.translation import gettext as _
from minzheng_pipeline import AUTO_MATCH_PROBABILITY, REVIEW_PROBABILITY, link_to_reference

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import jurisdiction_range, require_capability
from minzheng.addresses.services import address_aliases_resolve
from minzheng.core.audit import audit_record
from minzheng.core.bulk import Constant, TableLoad, write_table
from minzheng.core.clock import today
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError
from minzheng.core.tabular import read_table, table_error
from minzheng.integration.departments import LINKAGE_LABELS, SPECS, DepartmentSpec
from minzheng.integration.enums import Department, ImportStatus, MatchStatus, ReviewStatus
from minzheng.integration.models import (
    ColumnMapping,
    FeedImport,
    LinkReview,
    StagedRecord,
)
from minzheng.integration.selectors.reviews import link_review_decisions
from minzheng.integration.services.feed_rows import CheckedRow, check_rows
from minzheng.registry.models import Membership

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 512 * 1024 * 1024
Progress = Callable[[int, str], None]  # (percent, step label)


def no_progress(percent: int, label: str) -> None:
    del percent, label


def feed_import_audit(
    *,
    actor: User | None,
    action: AuditAction,
    feed_import_id: uuid.UUID,
    changes: Mapping[str, object],
) -> None:
    """One audit event for a step of an import; the CLI and the demo act as "system"."""
    audit_record(
        actor=actor,
        action=action,
        target_type="feed_import",
        target_id=feed_import_id,
        actor_username=None if actor else "system",
        changes=changes,
    )


@dataclass(frozen=True)
class Preview:
    header: list[str]
    rows: list[CheckedRow]


# ---------------------------------------------------------------------------------------------
# Upload and column mapping


def feed_import_upload(
    *, actor: User | None, department: str, as_of: dt.date, file_name: str, data: bytes
) -> FeedImport:
    """Store an uploaded file and read its header; nothing is checked row by row yet."""
    if actor is not None:
        require_capability(actor=actor, capability=Capability.FEED_IMPORT)
    if department not in Department.values:
        raise ApplicationError(_("请选择数据来源部门。"), fields={"department": _("部门无效。")})
    if as_of > today():  # the local day: a feed dated this morning in 平湖 is not "tomorrow"
        message = _("数据截止日期不能晚于今天。")
        raise ApplicationError(message, fields={"as_of": message})
    if not data:
        raise table_error(_("文件是空的。"))
    if len(data) > MAX_UPLOAD_BYTES:
        raise table_error(_("文件超过 512 MB，请拆分后分批导入。"))
    header = read_table(io.BytesIO(data), file_name).header
    digest = hashlib.sha256(data).hexdigest()
    suffix = ".xlsx" if file_name.lower().endswith(".xlsx") else ".csv"
    with transaction.atomic():
        feed_import = FeedImport.objects.create(
            department=department,
            as_of=as_of,
            file_name=file_name[:255],
            file_digest=digest,
            header=header,
            uploaded_by=actor,
        )
        feed_import.stored_file = default_storage.save(
            f"feeds/{feed_import.id}{suffix}", ContentFile(data)
        )
        feed_import.save(update_fields=["stored_file"])
        feed_import_audit(
            actor=actor,
            action=AuditAction.CREATE,
            feed_import_id=feed_import.id,
            changes={"department": department, "rows_bytes": len(data)},
        )
    return feed_import


def column_mapping_suggest(*, department: str, header: list[str]) -> dict[str, str]:
    """The department's saved mapping where its headers are present, else same-named columns."""
    spec = SPECS[Department(department)]
    saved = ColumnMapping.objects.filter(department=department).first()
    known = saved.columns if saved else {}
    present = set(header)
    labels = _target_labels(spec)
    suggestion: dict[str, str] = {}
    for target in spec.fields():
        for candidate in (known.get(target, ""), target, labels[target]):
            if candidate in present:
                suggestion[target] = candidate
                break
    return suggestion


def _target_labels(spec: DepartmentSpec) -> dict[str, str]:
    labels = {name: str(label) for name, label in LINKAGE_LABELS.items()}
    labels.update({item.key: str(item.label) for item in spec.items})
    return labels


def feed_import_preview(
    *, feed_import: FeedImport, columns: Mapping[str, str], limit: int = 5
) -> Preview:
    """The first rows as they would be staged, with their problems."""
    spec = SPECS[Department(feed_import.department)]
    columns = _columns_check(feed_import, columns)
    with default_storage.open(feed_import.stored_file, "rb") as handle:
        table = read_table(handle, feed_import.file_name)
        rows = []
        for row in check_rows(table.rows, header=table.header, columns=columns, spec=spec):
            rows.append(row)
            if len(rows) >= limit:
                break
    return Preview(table.header, rows)


def _columns_check(feed_import: FeedImport, columns: Mapping[str, str]) -> dict[str, str]:
    spec = SPECS[Department(feed_import.department)]
    header = set(feed_import.header)
    chosen = {target: name for target, name in columns.items() if name}
    errors: dict[str, str] = {}
    for target, name in chosen.items():
        if target not in spec.fields():
            errors[target] = _("未知的数据项。")
        elif name not in header:
            errors[target] = _("文件中没有“%(column)s”列。") % {"column": name}
    if not chosen.get("record_id"):
        errors["record_id"] = _("必须指定记录编号列：它让同一文件再次导入时不会重复入库。")
    if not {"name", "id_number"} & set(chosen):
        errors["name"] = _("至少要指定姓名或身份证号列，才能与户籍匹配。")
    if errors:
        raise ApplicationError(_("列对应关系有误，请检查标出的项。"), fields=errors)
    return chosen


def feed_import_columns_set(
    *, actor: User | None, feed_import: FeedImport, columns: Mapping[str, str], run: bool = True
) -> FeedImport:
    """Save the mapping (for this import and as the department's default) and start staging."""
    if actor is not None:
        require_capability(actor=actor, capability=Capability.FEED_IMPORT)
    if feed_import.status not in {ImportStatus.UPLOADED, ImportStatus.FAILED}:
        raise ApplicationError(
            _("该导入已在处理或已完成，不能再修改列对应关系。"), code=ErrorCode.CONFLICT
        )
    chosen = _columns_check(feed_import, columns)
    with transaction.atomic():
        mapping, _created = ColumnMapping.objects.get_or_create(department=feed_import.department)
        mapping.columns = {**mapping.columns, **chosen}
        mapping.updated_by = actor
        mapping.save()
        feed_import.columns = chosen
        feed_import.status = ImportStatus.PROCESSING
        feed_import.progress = 0
        feed_import.progress_label = str(_("排队中"))
        feed_import.failure = ""
        feed_import.save()
        feed_import_audit(
            actor=actor,
            action=AuditAction.UPDATE,
            feed_import_id=feed_import.id,
            changes={"columns": chosen},
        )
        if run:
            from minzheng.integration.tasks import feed_import_prepare_task

            import_id = str(feed_import.id)
            transaction.on_commit(lambda: feed_import_prepare_task.enqueue(import_id))
    return feed_import


# ---------------------------------------------------------------------------------------------
# Staging and linkage


def feed_import_prepare(
    *, feed_import_id: uuid.UUID | str, progress: Progress = no_progress
) -> FeedImport:
    """Check, link and stage every row; on failure the import says why and stages nothing."""
    feed_import = FeedImport.objects.get(id=feed_import_id)
    try:
        _prepare(feed_import, progress_reporter(feed_import, progress))
    except ApplicationError as error:
        _fail(feed_import, str(error.message))
        raise
    except Exception as error:
        # The type only: an exception's message may quote a cell of the file.
        logger.error(
            "feed import %s failed while staging: %s", feed_import.id, type(error).__name__
        )
        _fail(feed_import, str(_("处理时发生内部错误，未写入任何数据；请联系系统管理员。")))
        raise
    feed_import.refresh_from_db()
    return feed_import


def progress_reporter(feed_import: FeedImport, progress: Progress) -> Progress:
    """Write each step to the import row, so the import page can show it, and pass it on."""

    def report(percent: int, label: str) -> None:
        FeedImport.objects.filter(id=feed_import.id).update(
            progress=percent, progress_label=label[:64]
        )
        progress(percent, label)

    return report


def _fail(feed_import: FeedImport, message: str) -> None:
    FeedImport.objects.filter(id=feed_import.id).update(
        status=ImportStatus.FAILED, failure=message, progress_label=""
    )


def _prepare(feed_import: FeedImport, report: Progress) -> None:
    spec = SPECS[Department(feed_import.department)]
    report(2, _("读取文件"))
    with default_storage.open(feed_import.stored_file, "rb") as handle:
        table = read_table(handle, feed_import.file_name)
        rows = list(
            check_rows(table.rows, header=table.header, columns=feed_import.columns, spec=spec)
        )
    if not rows:
        raise table_error(_("文件中没有数据行。"))
    valid = [row for row in rows if row.is_valid]
    report(30, _("匹配标准地址"))
    address_of = _addresses_resolve(valid, feed_import.department)
    report(45, _("与户籍比对"))
    links = _link(feed_import, valid)
    report(80, _("写入暂存区"))
    with transaction.atomic():
        counts = _stage(feed_import, rows, links, address_of)
        FeedImport.objects.filter(id=feed_import.id).update(
            status=ImportStatus.LINKED,
            row_count=len(rows),
            invalid_count=len(rows) - len(valid),
            matched_count=counts[MatchStatus.MATCHED],
            review_count=counts[MatchStatus.REVIEW],
            unmatched_count=counts[MatchStatus.UNMATCHED],
            linked_at=now(),
            progress=100,
            progress_label="",
        )
        feed_import_audit(
            actor=feed_import.uploaded_by,
            action=AuditAction.UPDATE,
            feed_import_id=feed_import.id,
            changes={"status": [ImportStatus.PROCESSING, ImportStatus.LINKED], "rows": len(rows)},
        )


def _addresses_resolve(rows: list[CheckedRow], department: str) -> dict[str, uuid.UUID | None]:
    texts = Counter(row.values["address"] for row in rows if row.values["address"])
    if not texts:
        return {}
    return address_aliases_resolve(raw_texts=texts, source=department)


@dataclass(frozen=True)
class _Link:
    person_id: str
    probability: float


def _link(feed_import: FeedImport, rows: list[CheckedRow]) -> dict[str, _Link]:
    """Best registry candidate per record_id, with decisions from earlier reviews applied."""
    if not rows:
        return {}
    records = pa.table(
        {
            "record_id": [row.values["record_id"] for row in rows],
            "name": [row.values["name"] for row in rows],
            "id_number": [row.values["id_number"] for row in rows],
            "gender": [row.values["gender"] for row in rows],
            "birth_date": [row.birth_date.isoformat() if row.birth_date else "" for row in rows],
            "phone": [row.values["phone"] for row in rows],
            "address": [row.values["address"] for row in rows],
        }
    )
    result = link_to_reference(
        records, _reference(feed_import, rows), decisions=_decisions(feed_import.department)
    )
    return {
        record_id: _Link(person_id, probability)
        for record_id, person_id, probability in zip(
            result.column("record_id").to_pylist(),
            result.column("reference_id").to_pylist(),
            result.column("match_probability").to_pylist(),
            strict=True,
        )
    }


def _reference(feed_import: FeedImport, records: list[CheckedRow]) -> pa.Table:
    """The registry's current residents, inside the importer's jurisdiction.

    For a department that links by keys, only those sharing a record's ID number or name.
    """
    memberships = Membership.objects.current()
    if feed_import.uploaded_by is not None:
        low, high = jurisdiction_range(
            actor=feed_import.uploaded_by, capability=Capability.FEED_IMPORT
        )
        memberships = memberships.filter(household__division__code__range=(low, high))
    fields = (
        "person_id",
        "person__name",
        "person__id_number",
        "person__gender",
        "person__birth_date",
        "person__phone",
        "household__address__full_text",
    )
    if SPECS[Department(feed_import.department)].reference_by_keys:
        parts = [memberships.filter(**keys) for keys in _key_filters(records)]
    else:
        parts = [memberships]
    columns: list[list[object]] = [[], [], [], [], [], [], []]
    seen: set[object] = set()
    for part in parts:
        for values in part.values_list(*fields).iterator(chunk_size=20_000):
            if values[0] in seen:
                continue
            seen.add(values[0])
            for column, value in zip(columns, values, strict=True):
                column.append(value)
    return pa.table(
        {
            "reference_id": [str(value) for value in columns[0]],
            "name": columns[1],
            "id_number": columns[2],
            "gender": columns[3],
            "birth_date": [value.isoformat() if value else "" for value in columns[4]],  # type: ignore[attr-defined]
            "phone": columns[5],
            "address": [value or "" for value in columns[6]],
        }
    )


def _key_filters(records: list[CheckedRow]) -> list[dict[str, list[str]]]:
    """Filters for the persons sharing a record's ID number, a few thousand at a time; by name
    only for the records whose ID number is missing or failed its checks."""
    ids = sorted({row.values["id_number"] for row in records if row.values["id_number"]})
    doubtful = (
        row
        for row in records
        if not row.values["id_number"] or any(p.field == "id_number" for p in row.problems)
    )
    names = sorted({row.values["name"] for row in doubtful if row.values["name"]})
    return [
        {f"person__{field}__in": values[start : start + 5_000]}
        for field, values in (("id_number", ids), ("name", names))
        for start in range(0, len(values), 5_000)
    ]


def _decisions(department: str) -> pa.Table:
    """Clerks' earlier decisions for this department: fixed matches and non-matches."""
    decided = link_review_decisions(department=department)
    return pa.table(
        {
            "record_id": pa.array([d.record_id for d in decided], pa.string()),
            "reference_id": pa.array([str(d.person_id) for d in decided], pa.string()),
            "is_match": pa.array([d.approved for d in decided], pa.bool_()),
        }
    )


def _stage(
    feed_import: FeedImport,
    rows: list[CheckedRow],
    links: Mapping[str, _Link],
    address_of: Mapping[str, uuid.UUID | None],
) -> Counter[str]:
    """Write the staged rows and the review pairs; returns the count per match status."""
    statuses: list[str] = []
    persons: list[str | None] = []
    probabilities: list[float | None] = []
    for row in rows:
        link = links.get(row.values["record_id"]) if row.is_valid else None
        status = _match_status(row, link)
        statuses.append(status)
        keep = link is not None and status in {MatchStatus.MATCHED, MatchStatus.REVIEW}
        persons.append(uuid_hex(link.person_id) if keep and link else None)
        probabilities.append(link.probability if link is not None else None)
    write_table(
        TableLoad(
            StagedRecord,
            len(rows),
            {
                "feed_import_id": Constant(feed_import.id.hex),
                "row_number": [row.row_number for row in rows],
                "record_id": [row.values["record_id"] for row in rows],
                "name": [row.values["name"] for row in rows],
                "id_number": [row.values["id_number"] for row in rows],
                "gender": [row.values["gender"] for row in rows],
                "birth_date": [
                    row.birth_date.isoformat() if row.birth_date else None for row in rows
                ],
                "phone": [row.values["phone"] for row in rows],
                "address": [row.values["address"] for row in rows],
                "items": [json.dumps(row.items, ensure_ascii=False) for row in rows],
                "errors": [
                    json.dumps([p.as_json() for p in row.problems], ensure_ascii=False)
                    for row in rows
                ],
                "match_status": statuses,
                "person_id": persons,
                "match_probability": probabilities,
                "standard_address_id": [
                    uuid_hex(address_of.get(row.values["address"])) for row in rows
                ],
            },
        ),
        progress=False,
    )
    _reviews_open(feed_import, rows, statuses, links)
    return Counter(statuses)


def uuid_hex(value: uuid.UUID | str | None) -> str | None:
    if value is None:
        return None
    return (value if isinstance(value, uuid.UUID) else uuid.UUID(value)).hex


def _match_status(row: CheckedRow, link: _Link | None) -> str:
    if not row.is_valid:
        return MatchStatus.INVALID
    if link is None or link.probability < REVIEW_PROBABILITY:
        return MatchStatus.UNMATCHED
    if link.probability >= AUTO_MATCH_PROBABILITY:
        return MatchStatus.MATCHED
    return MatchStatus.REVIEW


def _reviews_open(
    feed_import: FeedImport,
    rows: list[CheckedRow],
    statuses: list[str],
    links: Mapping[str, _Link],
) -> None:
    """One pending review per uncertain row; a pair already pending is pointed at this row."""
    uncertain = {
        row.values["record_id"]: row
        for row, status in zip(rows, statuses, strict=True)
        if status == MatchStatus.REVIEW
    }
    if not uncertain:
        return
    staged_ids = dict(
        StagedRecord.objects.filter(
            feed_import=feed_import, match_status=MatchStatus.REVIEW
        ).values_list("record_id", "id")
    )
    divisions = dict(
        Membership.objects.current()
        .filter(person_id__in={links[r].person_id for r in uncertain})
        .values_list("person_id", "household__division_id")
    )
    pending = {
        (record_id, str(person_id)): review_id
        for review_id, record_id, person_id in LinkReview.objects.filter(
            department=feed_import.department,
            record_id__in=list(uncertain),
            status=ReviewStatus.PENDING,
        ).values_list("id", "record_id", "person_id")
    }
    new_reviews = []
    for record_id in uncertain:
        link = links[record_id]
        existing = pending.get((record_id, link.person_id))
        if existing is not None:
            LinkReview.objects.filter(id=existing).update(
                staged_id=staged_ids[record_id], match_probability=link.probability
            )
            continue
        new_reviews.append(
            LinkReview(
                department=feed_import.department,
                record_id=record_id,
                staged_id=staged_ids[record_id],
                person_id=link.person_id,
                division_code=divisions.get(uuid.UUID(link.person_id), 0),
                match_probability=link.probability,
            )
        )
    LinkReview.objects.bulk_create(new_reviews, batch_size=2_000)


# ---------------------------------------------------------------------------------------------
# Discarding


def feed_import_discard(*, actor: User | None, feed_import: FeedImport) -> FeedImport:
    """Drop an import that will not be merged: its staged rows and stored file go."""
    if actor is not None:
        require_capability(actor=actor, capability=Capability.FEED_IMPORT)
    with transaction.atomic():
        locked = FeedImport.objects.select_for_update().get(id=feed_import.id)
        if locked.status in {ImportStatus.MERGING, ImportStatus.MERGED, ImportStatus.PROCESSING}:
            raise ApplicationError(_("该导入正在处理或已入库，不能放弃。"), code=ErrorCode.CONFLICT)
        LinkReview.objects.filter(staged__feed_import=locked, status=ReviewStatus.PENDING).delete()
        StagedRecord.objects.filter(feed_import=locked).delete()
        old = locked.status
        locked.status = ImportStatus.DISCARDED
        locked.save(update_fields=["status", "updated_at"])
        feed_import_audit(
            actor=actor,
            action=AuditAction.UPDATE,
            feed_import_id=locked.id,
            changes={"status": [old, ImportStatus.DISCARDED]},
        )
        stored = locked.stored_file
        if stored:
            transaction.on_commit(lambda: default_storage.delete(stored))
    return locked
