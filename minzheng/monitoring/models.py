"""Events reported by departments, the warnings they raise, and each warning's escalations."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.core.dated_settings import DatedSetting
from minzheng.core.models import BaseModel
from minzheng.monitoring.enums import Cause, EventKind, Outcome, OwnerLevel, WarningStatus
from minzheng.profiling.enums import Colour


class MonitoringEvent(BaseModel):
    """One fact a department reported about a person, linked to the person's household."""

    household = models.ForeignKey(
        "registry.Household",
        verbose_name=_("户"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("人员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("事件类型"), max_length=32, choices=EventKind.choices)
    occurred_on = models.DateField(_("发生日期"))
    # Out-of-pocket yuan for a medical bill; for utility arrears, the arrears in yuan.
    amount = models.DecimalField(_("金额"), max_digits=12, decimal_places=2, null=True, blank=True)
    # Months in arrears (水电欠费); empty for other kinds.
    months = models.PositiveSmallIntegerField(_("欠费月数"), null=True, blank=True)
    source = models.CharField(_("来源部门"), max_length=32)
    source_record_id = models.CharField(_("来源记录号"), max_length=64)
    warning = models.ForeignKey(
        "EarlyWarning",
        verbose_name=_("预警"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    # Set once the rules have looked at the event, whether or not it raised a warning.
    evaluated_at = models.DateTimeField(_("研判时间"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("监测事件")
        verbose_name_plural = _("监测事件")
        ordering = ["occurred_on", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "source", "source_record_id"], name="monitoring_event_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.source}:{self.source_record_id}"


class WarningQuerySet(models.QuerySet["EarlyWarning"]):
    def open(self) -> "WarningQuerySet":
        return self.filter(status=WarningStatus.OPEN)

    def in_division_range(self, low: int, high: int) -> "WarningQuerySet":
        return self.filter(division_code__range=(low, high))


class EarlyWarning(BaseModel):
    """A household to look at for one cause, owned by a division until closed."""

    household = models.ForeignKey(
        "registry.Household", verbose_name=_("户"), on_delete=models.PROTECT, related_name="+"
    )
    division_code = models.BigIntegerField(_("村(社区)代码"), db_index=True)
    cause = models.CharField(_("预警原因"), max_length=32, choices=Cause.choices)
    colour = models.SmallIntegerField(_("颜色"), choices=Colour.choices)
    status = models.CharField(
        _("状态"), max_length=16, choices=WarningStatus.choices, default=WarningStatus.OPEN
    )
    owner_level = models.SmallIntegerField(
        _("责任层级"), choices=OwnerLevel.choices, default=OwnerLevel.VILLAGE
    )
    owner_division_code = models.BigIntegerField(_("责任区划代码"))
    raised_on = models.DateField(_("预警日期"))
    first_due_on = models.DateField(_("原办结期限"))
    due_on = models.DateField(_("办结期限"), db_index=True)
    escalation_count = models.PositiveSmallIntegerField(_("升级次数"), default=0)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("办结人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField(_("处置结果"), max_length=32, choices=Outcome.choices, blank=True)
    # References only (visit id, department, project): never a name, number or address.
    evidence = models.JSONField(_("处置依据"), default=dict, blank=True)
    application = models.ForeignKey(
        "cases.Application",
        verbose_name=_("救助申请"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = WarningQuerySet.as_manager()

    class Meta:
        verbose_name = _("预警")
        verbose_name_plural = _("预警")
        ordering = ["due_on", "-colour"]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "cause"],
                condition=Q(status=WarningStatus.OPEN),
                name="monitoring_warning_open_once",
            )
        ]
        indexes = [
            models.Index(fields=["status", "division_code"], name="warning_scope_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.household_id}:{self.cause}"

    def is_overdue_on(self, day: dt.date) -> bool:
        return self.status == WarningStatus.OPEN and self.due_on < day

    @property
    def colour_name(self) -> str:
        """The CSS name of the colour: red, yellow or green."""
        return Colour(self.colour).code


class WarningEscalation(models.Model):
    """One move of an overdue warning to the next level up."""

    id = models.BigAutoField(primary_key=True)
    warning = models.ForeignKey(
        EarlyWarning, verbose_name=_("预警"), on_delete=models.CASCADE, related_name="escalations"
    )
    escalated_on = models.DateField(_("升级日期"))
    from_level = models.SmallIntegerField(_("原层级"), choices=OwnerLevel.choices)
    to_level = models.SmallIntegerField(_("新层级"), choices=OwnerLevel.choices)
    to_division_code = models.BigIntegerField(_("新责任区划代码"))
    overdue_since = models.DateField(_("原办结期限"))

    class Meta:
        verbose_name = _("预警升级")
        verbose_name_plural = _("预警升级")
        ordering = ["escalated_on", "id"]

    def __str__(self) -> str:
        return f"{self.warning_id}:{self.to_level}"


class WarningRuleSetting(DatedSetting):
    """A dated, region-scoped value of a warning rule's threshold or a colour's due days.

    It overrides the shipped table in ``rules.py`` from ``start`` in ``region``; values are only
    added, so a past warning is explained by the rules of its day.
    """

    class Meta(DatedSetting.Meta):
        verbose_name = _("预警规则参数")
        verbose_name_plural = _("预警规则参数")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "region", "start"], name="warning_rule_setting_one_per_date"
            ),
        ]
