"""探访: the plan that says when a household is next due, the visits, and what they found."""

import datetime as dt
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minzheng.core.dated_settings import DatedSetting
from minzheng.core.models import BaseModel
from minzheng.profiling.enums import Colour
from minzheng.visits.enums import (
    ReferralDepartment,
    ReferralStatus,
    VisitMode,
    WishPrivacy,
    WishStatus,
)


class VisitPlanQuerySet(models.QuerySet["VisitPlan"]):
    def in_division_range(self, low: int, high: int) -> "VisitPlanQuerySet":
        return self.filter(division__code__range=(low, high))

    def due_before(self, moment: dt.datetime) -> "VisitPlanQuerySet":
        return self.filter(next_due_at__lt=moment)


class VisitPlan(BaseModel):
    """When a profiled household is next due a visit; one row per household."""

    household = models.OneToOneField(
        "registry.Household", verbose_name=_("户"), on_delete=models.CASCADE, related_name="+"
    )
    division = models.ForeignKey(
        "divisions.Division",
        verbose_name=_("村(社区)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    colour = models.SmallIntegerField(_("风险颜色"), choices=Colour.choices)
    next_due_at = models.DateTimeField(_("下次探访期限"), db_index=True)
    last_visited_at = models.DateTimeField(_("上次探访时间"), null=True, blank=True)
    # A stable code from the caller (e.g. a red warning), never personal data.
    urgent_reason = models.CharField(_("加急原因"), max_length=64, blank=True)

    objects = VisitPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("探访计划")
        verbose_name_plural = _("探访计划")

    def __str__(self) -> str:
        return f"{self.household_id}"

    def is_overdue(self, moment: dt.datetime) -> bool:
        return self.next_due_at < moment

    @property
    def due_on(self) -> dt.date:
        """The last local day on which the visit is still on time."""
        return timezone.localdate(self.next_due_at - dt.timedelta(microseconds=1))

    @property
    def deadline(self) -> str:
        return deadline_text(self.next_due_at)


def deadline_text(moment: dt.datetime) -> str:
    """A deadline as people say it, in Beijing time.

    A deadline set as a day ("by 2026-12-14") is kept as the midnight that ends it, so it
    compares with moments; shown as that midnight it read "2026-12-15 00:00", a day late. It
    reads as the day; an hour deadline (a red warning's 18:00) keeps its time.
    """
    local = timezone.localtime(moment)
    if local.time() == dt.time.min:
        return (local.date() - dt.timedelta(days=1)).isoformat()
    return local.strftime("%Y-%m-%d %H:%M")


def visit_photo_path(instance: "Visit", filename: str) -> str:
    """A random name: the uploaded file name may carry the family's name."""
    suffix = ".png" if filename.lower().endswith(".png") else ".jpg"
    return f"visits/{uuid.uuid4().hex}{suffix}"


class Visit(BaseModel):
    """One 探访 of a household, saved once per ``submission_id`` however often it is sent."""

    submission_id = models.UUIDField(_("提交编号"))
    household = models.ForeignKey(
        "registry.Household", verbose_name=_("户"), on_delete=models.PROTECT, related_name="+"
    )
    division = models.ForeignKey(
        "divisions.Division",
        verbose_name=_("村(社区)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    visitor = models.ForeignKey(
        "accounts.User", verbose_name=_("探访人"), on_delete=models.PROTECT, related_name="+"
    )
    mode = models.CharField(_("探访方式"), max_length=16, choices=VisitMode.choices)
    visited_at = models.DateTimeField(_("探访时间"))
    findings = models.TextField(_("探访情况"))
    needs = models.JSONField(_("发现的需求"), default=list, blank=True)
    needs_other = models.CharField(_("其他需求"), max_length=200, blank=True)
    photo = models.FileField(_("照片"), upload_to=visit_photo_path, blank=True)
    next_due_at = models.DateTimeField(_("下次探访期限"))

    class Meta:
        verbose_name = _("探访记录")
        verbose_name_plural = _("探访记录")
        constraints = [
            models.UniqueConstraint(fields=["submission_id"], name="visit_submission_unique"),
        ]
        indexes = [models.Index(fields=["household", "visited_at"], name="visit_household_idx")]

    def __str__(self) -> str:
        return f"{self.household_id}:{self.visited_at:%Y-%m-%d}"

    @property
    def deadline(self) -> str:
        return deadline_text(self.next_due_at)


class WishQuerySet(models.QuerySet["Wish"]):
    def in_division_range(self, low: int, high: int) -> "WishQuerySet":
        return self.filter(division__code__range=(low, high))

    def public(self) -> "WishQuerySet":
        return self.filter(privacy_level=WishPrivacy.PUBLIC)


class Wish(BaseModel):
    """A 微心愿 found on a visit; published to charity staff without the family's identity."""

    household = models.ForeignKey(
        "registry.Household", verbose_name=_("户"), on_delete=models.PROTECT, related_name="+"
    )
    visit = models.ForeignKey(
        Visit, verbose_name=_("探访记录"), on_delete=models.PROTECT, related_name="wishes"
    )
    division = models.ForeignKey(
        "divisions.Division",
        verbose_name=_("村(社区)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    item = models.CharField(_("心愿物品"), max_length=100)
    estimated_value = models.DecimalField(_("估算金额"), max_digits=9, decimal_places=2)
    privacy_level = models.CharField(
        _("公开范围"), max_length=16, choices=WishPrivacy.choices, default=WishPrivacy.PUBLIC
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=WishStatus.choices, default=WishStatus.OPEN
    )
    # Who took the wish on, and when: set once, by ``services.wishes.wish_claim``.
    claimed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("认领人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    claimed_at = models.DateTimeField(_("认领时间"), null=True, blank=True)

    objects = WishQuerySet.as_manager()

    class Meta:
        verbose_name = _("微心愿")
        verbose_name_plural = _("微心愿")

    def __str__(self) -> str:
        return self.item


class Referral(BaseModel):
    """A need found on a visit handed to the department that answers it (转介)."""

    visit = models.ForeignKey(
        Visit, verbose_name=_("探访记录"), on_delete=models.PROTECT, related_name="referrals"
    )
    department = models.CharField(_("转介部门"), max_length=32, choices=ReferralDepartment.choices)
    note = models.CharField(_("转介说明"), max_length=500, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.OPEN
    )

    class Meta:
        verbose_name = _("转介")
        verbose_name_plural = _("转介")

    def __str__(self) -> str:
        return f"{self.visit_id}:{self.department}"


class VisitCadenceSetting(DatedSetting):
    """A dated, region-scoped value of the visit cadence (``plans.SHIPPED``) the admin added."""

    class Meta(DatedSetting.Meta):
        verbose_name = _("探访频次参数")
        verbose_name_plural = _("探访频次参数")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "region", "start"], name="visit_cadence_setting_one_per_date"
            ),
        ]
