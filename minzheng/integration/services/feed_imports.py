"""The front of a department feed's way into the registry: upload, columns, discard.

1. ``feed_import_upload`` stores the file and reads its header (status UPLOADED).
2. ``feed_import_columns_set`` saves the column mapping for the department and queues
   staging (``feed_prepare``: check, link, stage; status PROCESSING, then LINKED).
   Uncertain links become ``LinkReview`` rows for clerks.
3. ``feed_merge`` writes the linked rows as ``SourceRecord`` and ``DataItem`` rows in one
   transaction (status MERGING, then MERGED). A source record is keyed by (department,
   record_id, as_of) with a digest of its content, so merging the same data again changes
   nothing.
4. A step whose worker died is retried by ``feed_retry`` (ADR 0025).

A failure anywhere leaves the registry as it was: staging and merging are each one
transaction, and an import that fails says why in Chinese (status FAILED).
"""

import datetime as dt
import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import require_capability
from minzheng.core.clock import today
from minzheng.core.enums import AuditAction, ErrorCode
from minzheng.core.exceptions import ApplicationError
from minzheng.core.tabular import read_table, table_error
from minzheng.integration.column_synonyms import header_synonyms
from minzheng.integration.departments import SPECS
from minzheng.integration.enums import RUNNING_STATUSES, Department, ImportStatus, ReviewStatus
from minzheng.integration.heartbeat import heartbeat_clear, import_stalled
from minzheng.integration.models import ColumnMapping, FeedImport, LinkReview, StagedRecord
from minzheng.integration.services.feed_rows import CheckedRow, check_rows
from minzheng.integration.services.feed_steps import (
    attempt_begin,
    feed_import_audit,
)
from minzheng.integration.tasks import feed_import_prepare_task

MAX_UPLOAD_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class Preview:
    header: list[str]
    rows: list[CheckedRow]


# ---------------------------------------------------------------------------------------------
# Upload and column mapping


def feed_import_upload(
    *, actor: User, department: str, as_of: dt.date, file_name: str, data: bytes
) -> FeedImport:
    """Store an uploaded file and read its header; nothing is checked row by row yet."""
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
    """The department's saved mapping where its headers are present, else a column whose
    heading is one of the field's names (``column_synonyms``)."""
    spec = SPECS[Department(department)]
    saved = ColumnMapping.objects.filter(department=department).first()
    known = saved.columns if saved else {}
    present = {_heading_key(name): name for name in header}
    suggestion: dict[str, str] = {}
    for target in spec.fields():
        for candidate in (known.get(target, ""), *header_synonyms(spec, target)):
            if candidate and _heading_key(candidate) in present:
                suggestion[target] = present[_heading_key(candidate)]
                break
    return suggestion


def _heading_key(heading: str) -> str:
    """Headings compare without spaces and with ASCII brackets: 残疾证号 ＝ 残疾证号 ."""
    return "".join(heading.split()).replace("（", "(").replace("）", ")").lower()


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
    *, actor: User, feed_import: FeedImport, columns: Mapping[str, str], run: bool = True
) -> FeedImport:
    """Save the mapping (for this import and as the department's default) and start staging."""
    require_capability(actor=actor, capability=Capability.FEED_IMPORT)
    with transaction.atomic():
        locked = FeedImport.objects.select_for_update().get(id=feed_import.id)
        if locked.status not in {ImportStatus.UPLOADED, ImportStatus.FAILED}:
            raise ApplicationError(
                _("该导入已在处理或已完成，不能再修改列对应关系。"), code=ErrorCode.CONFLICT
            )
        chosen = _columns_check(locked, columns)
        mapping, _created = ColumnMapping.objects.select_for_update().get_or_create(
            department=locked.department
        )
        mapping.columns = {**mapping.columns, **chosen}
        mapping.updated_by = actor
        mapping.save(update_fields=["columns", "updated_by", "updated_at"])
        locked.columns = chosen
        fields = attempt_begin(locked, ImportStatus.PROCESSING)
        locked.save(update_fields=["columns", *fields])
        feed_import_audit(
            actor=actor,
            action=AuditAction.UPDATE,
            feed_import_id=locked.id,
            changes={"columns": chosen},
        )
        if run:
            import_id, attempt = str(locked.id), locked.attempt
            transaction.on_commit(lambda: feed_import_prepare_task.enqueue(import_id, attempt))
    return locked


# ---------------------------------------------------------------------------------------------
# Discarding


def feed_import_discard(*, actor: User, feed_import: FeedImport) -> FeedImport:
    """Drop an import that will not be merged: its staged rows and stored file go."""
    require_capability(actor=actor, capability=Capability.FEED_IMPORT)
    with transaction.atomic():
        locked = FeedImport.objects.select_for_update().get(id=feed_import.id)
        # A step whose worker died may be given up; a live one, or a merged import, not.
        stalled = locked.status in RUNNING_STATUSES and import_stalled(locked)
        if locked.status in {*RUNNING_STATUSES, ImportStatus.MERGED} and not stalled:
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
        stored, import_id = locked.stored_file, locked.id
        if stored:
            transaction.on_commit(lambda: default_storage.delete(stored))
        transaction.on_commit(lambda: heartbeat_clear(import_id))
    return locked
