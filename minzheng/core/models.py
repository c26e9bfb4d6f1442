"""Abstract bases and the audit log, the only models every app shares."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minzheng.core.enums import AuditAction, JobStepStatus


class BaseModel(models.Model):
    """UUID keys keep record addresses unguessable; timestamps are UTC."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One thing somebody did or saw. Rows are only ever inserted (see migration 0002)."""

    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Kept beside the foreign key so a failed login by an unknown name is still recorded.
    actor_username = models.CharField(_("账号"), max_length=150, blank=True)
    action = models.CharField(_("动作"), max_length=32, choices=AuditAction.choices)
    target_type = models.CharField(_("对象类型"), max_length=64, blank=True)
    target_id = models.CharField(_("对象"), max_length=64, blank=True)
    division_code = models.BigIntegerField(_("所属区划"), null=True, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    changes = models.JSONField(_("变更"), default=dict, blank=True)

    class Meta:
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
            models.Index(
                fields=["actor_username", "action", "occurred_at"], name="audit_actor_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.action} {self.target_type}"


class JobStepRun(models.Model):
    """One attempt at one step of a scheduled chain (the nightly feeds → rules → … → tallies).

    Written by ``core.jobs`` around the step's service, so the county admin's home page can
    say which step failed, when, and whether it will be tried again. ``message`` is Chinese
    and never holds personal data (an exception's text may quote a record, so only its type
    is logged and a fixed sentence is stored).
    """

    id = models.BigAutoField(primary_key=True)
    job = models.CharField(_("任务"), max_length=32)
    step = models.CharField(_("步骤"), max_length=32)
    # The step's name as the chain called it, for the page that shows a failure.
    label = models.CharField(_("步骤名称"), max_length=64)
    as_of = models.DateField(_("业务日期"))
    attempt = models.PositiveSmallIntegerField(_("第几次尝试"))
    status = models.CharField(_("状态"), max_length=16, choices=JobStepStatus.choices)
    will_retry = models.BooleanField(_("将重试"), default=False)
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    summary = models.CharField(_("结果"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("定时任务步骤")
        verbose_name_plural = _("定时任务步骤")
        ordering = ["-id"]
        indexes = [models.Index(fields=["job", "as_of", "step"], name="job_step_idx")]

    def __str__(self) -> str:
        return f"{self.job}:{self.step}@{self.as_of}#{self.attempt}"
