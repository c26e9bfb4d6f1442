"""Department feeds on their way into the registry: staged, linked, reviewed, merged.

A feed file becomes a ``FeedImport`` with one ``StagedRecord`` per row. Linkage attaches each
staged record to a registry person, automatically or through a ``LinkReview``. Merging turns
linked records into ``SourceRecord`` rows with their ``DataItem`` values, which the 核对报告
reads. A source record is keyed by (department, record_id, as_of), so importing the same file
twice finds every row already there and changes nothing.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minzheng.core.models import BaseModel
from minzheng.integration.enums import (
    Department,
    ImportStatus,
    MatchStatus,
    ReviewStatus,
    ValueType,
)


class ColumnMapping(BaseModel):
    """How a department names its columns: target field → header in its files."""

    department = models.CharField(_("部门"), max_length=32, choices=Department.choices, unique=True)
    columns = models.JSONField(_("列对应关系"), default=dict)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("列对应关系")
        verbose_name_plural = _("列对应关系")

    def __str__(self) -> str:
        return self.department


class FeedImport(BaseModel):
    department = models.CharField(_("部门"), max_length=32, choices=Department.choices)
    as_of = models.DateField(_("数据截止日期"))
    file_name = models.CharField(_("文件名"), max_length=255)
    # SHA-256 of the file's bytes: the same file uploaded again is recognised before staging.
    file_digest = models.CharField(_("文件摘要"), max_length=64, db_index=True)
    # Where the uploaded bytes wait in the default storage until the import is merged or
    # discarded, and the file's header row, for the column-mapping step.
    stored_file = models.CharField(_("存储文件"), max_length=255, blank=True)
    header = models.JSONField(_("表头"), default=list)
    # The column mapping used for this import (target field → header), saved with it so a
    # later change of the department's mapping does not rewrite history.
    columns = models.JSONField(_("列对应关系"), default=dict)
    status = models.CharField(
        _("状态"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    # Each start of a background step (staging or merging) is an attempt: a retry of a stalled
    # step starts the next one, and only the current attempt may finish (ADR 0025). Its live
    # progress is in its heartbeat (``integration.heartbeat``), not in this row.
    attempt = models.PositiveIntegerField(_("处理批次"), default=0)
    attempt_started_at = models.DateTimeField(_("本次处理开始时间"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    row_count = models.PositiveIntegerField(_("行数"), default=0)
    invalid_count = models.PositiveIntegerField(_("有误行数"), default=0)
    matched_count = models.PositiveIntegerField(_("已匹配"), default=0)
    review_count = models.PositiveIntegerField(_("待审核"), default=0)
    unmatched_count = models.PositiveIntegerField(_("未匹配"), default=0)
    created_count = models.PositiveIntegerField(_("新增记录"), default=0)
    changed_count = models.PositiveIntegerField(_("变更记录"), default=0)
    unchanged_count = models.PositiveIntegerField(_("未变记录"), default=0)
    linked_at = models.DateTimeField(_("匹配时间"), null=True, blank=True)
    merged_at = models.DateTimeField(_("入库时间"), null=True, blank=True)
    # A failure's message in Chinese, for the import page; never personal data.
    failure = models.TextField(_("失败原因"), blank=True)

    class Meta:
        verbose_name = _("数据导入")
        verbose_name_plural = _("数据导入")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.department} {self.as_of} {self.file_name}"


class StagedRecord(models.Model):
    """One row of a feed file as it was read, with its validation errors and link."""

    id = models.BigAutoField(primary_key=True)
    feed_import = models.ForeignKey(
        FeedImport, verbose_name=_("数据导入"), on_delete=models.CASCADE, related_name="records"
    )
    row_number = models.PositiveIntegerField(_("行号"))  # as a spreadsheet shows it
    record_id = models.CharField(_("记录编号"), max_length=64)
    name = models.CharField(_("姓名"), max_length=64, blank=True)
    id_number = models.CharField(_("身份证号"), max_length=32, blank=True)  # normalised
    gender = models.CharField(_("性别"), max_length=8, blank=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    address = models.CharField(_("地址"), max_length=255, blank=True)
    # The department's own columns, parsed: {item key: text or number}.
    items = models.JSONField(_("数据项"), default=dict)
    # [{"field": ..., "message": ...}] in Chinese; a row with errors is never merged.
    errors = models.JSONField(_("错误"), default=list)
    match_status = models.CharField(
        _("匹配状态"), max_length=16, choices=MatchStatus.choices, default=MatchStatus.PENDING
    )
    person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("匹配人员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    match_probability = models.FloatField(_("匹配概率"), null=True, blank=True)
    standard_address = models.ForeignKey(
        "addresses.StandardAddress",
        verbose_name=_("标准地址"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("暂存记录")
        verbose_name_plural = _("暂存记录")
        constraints = [
            models.UniqueConstraint(fields=["feed_import", "row_number"], name="staged_row_unique"),
        ]
        indexes = [
            models.Index(fields=["feed_import", "match_status"], name="staged_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.feed_import_id}:{self.row_number}"


class LinkReview(BaseModel):
    """An uncertain pair for a clerk: is this feed record this registry person?

    Decisions outlive the import: the next feed from the same department with the same
    record_id is linked as the clerk decided, without asking again.
    """

    department = models.CharField(_("部门"), max_length=32, choices=Department.choices)
    record_id = models.CharField(_("记录编号"), max_length=64)
    staged = models.ForeignKey(
        StagedRecord,
        verbose_name=_("暂存记录"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
    )
    person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("候选人员"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The candidate's 村(社区), for scoping the queue to a reviewer's jurisdiction.
    division_code = models.BigIntegerField(_("所属区划"), db_index=True)
    match_probability = models.FloatField(_("匹配概率"))
    status = models.CharField(
        _("审核结果"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("疑似匹配审核")
        verbose_name_plural = _("疑似匹配审核")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "record_id", "person"], name="review_pair_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "division_code"], name="review_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.department}:{self.record_id}"


class SourceRecord(BaseModel):
    """What one department said about one registry person, as of a date."""

    person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("人员"),
        on_delete=models.PROTECT,
        related_name="source_records",
    )
    department = models.CharField(_("部门"), max_length=32, choices=Department.choices)
    record_id = models.CharField(_("记录编号"), max_length=64)
    as_of = models.DateField(_("数据截止日期"))
    feed_import = models.ForeignKey(
        FeedImport, verbose_name=_("数据导入"), on_delete=models.PROTECT, related_name="+"
    )
    # The linkage fields as the department wrote them, for conflicts in the 核对报告.
    name = models.CharField(_("姓名"), max_length=64, blank=True)
    id_number = models.CharField(_("身份证号"), max_length=32, blank=True)
    gender = models.CharField(_("性别"), max_length=8, blank=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    address = models.CharField(_("地址"), max_length=255, blank=True)
    standard_address = models.ForeignKey(
        "addresses.StandardAddress",
        verbose_name=_("标准地址"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    match_probability = models.FloatField(_("匹配概率"), null=True, blank=True)
    # SHA-1 of the fields and items above: a re-import compares digests, not every column.
    digest = models.CharField(_("内容摘要"), max_length=40)

    class Meta:
        verbose_name = _("部门记录")
        verbose_name_plural = _("部门记录")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "record_id", "as_of"], name="source_record_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department}:{self.record_id}@{self.as_of}"


class DataItem(models.Model):
    """One value of a source record: a pension, a floor area, an out-of-pocket bill …"""

    id = models.BigAutoField(primary_key=True)
    source_record = models.ForeignKey(
        SourceRecord, verbose_name=_("部门记录"), on_delete=models.CASCADE, related_name="items"
    )
    key = models.CharField(_("数据项"), max_length=32)
    value_type = models.CharField(_("类型"), max_length=8, choices=ValueType.choices)
    text = models.CharField(_("文本值"), max_length=255, blank=True)
    number = models.DecimalField(_("数值"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("数据项")
        verbose_name_plural = _("数据项")
        constraints = [
            models.UniqueConstraint(fields=["source_record", "key"], name="data_item_unique"),
        ]

    def __str__(self) -> str:
        return self.key
