from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from minzheng_pipeline.identifiers import mask, resident_id_warnings

from minzheng.core.models import BaseModel
from minzheng.registry.enums import Gender, HouseholdStatus, IdType, PersonStatus, Relation


class HouseholdQuerySet(models.QuerySet["Household"]):
    def in_division_range(self, low: int, high: int) -> "HouseholdQuerySet":
        return self.filter(division__code__range=(low, high))


class Household(BaseModel):
    """A 户: the people registered together at one address."""

    number = models.CharField(_("户号"), max_length=32, unique=True)
    division = models.ForeignKey(
        "divisions.Division",
        verbose_name=_("村(社区)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.ForeignKey(
        "addresses.StandardAddress",
        verbose_name=_("地址"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    phone = models.CharField(_("联系电话"), max_length=20, blank=True, db_index=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=HouseholdStatus.choices, default=HouseholdStatus.ACTIVE
    )
    is_synthetic = models.BooleanField(_("演示数据"), default=False)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("户")
        verbose_name_plural = _("户")

    def __str__(self) -> str:
        return self.number


class Person(BaseModel):
    name = models.CharField(_("姓名"), max_length=64, db_index=True)
    # Lower-case pinyin initials of the name (张三 → zs), for quick search on a phone keyboard.
    name_initials = models.CharField(_("拼音首字母"), max_length=16, db_index=True, blank=True)
    id_type = models.CharField(
        _("证件类型"), max_length=16, choices=IdType.choices, default=IdType.RESIDENT_ID
    )
    # Indexed on its own: search looks numbers up without knowing their type.
    id_number = models.CharField(_("证件号"), max_length=32, blank=True, db_index=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    gender = models.CharField(
        _("性别"), max_length=8, choices=Gender.choices, default=Gender.UNKNOWN
    )
    phone = models.CharField(_("手机号"), max_length=20, blank=True, db_index=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=PersonStatus.choices, default=PersonStatus.ALIVE
    )
    is_synthetic = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        # Search pages walk these in order and stop after a page (see registry.selectors).
        indexes = [
            models.Index(fields=["name", "id"], name="person_name_order_idx"),
            models.Index(fields=["name_initials", "id"], name="person_initials_order_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["id_type", "id_number"],
                condition=~Q(id_number=""),
                name="person_identifier_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def id_number_masked(self) -> str:
        return mask(self.id_number)

    @property
    def id_number_warnings(self) -> tuple[str, ...]:
        """Doubts about a stored resident ID that did not justify refusing it (unknown area)."""
        if self.id_type != IdType.RESIDENT_ID or not self.id_number:
            return ()
        return tuple(w.value for w in resident_id_warnings(self.id_number))


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self) -> "MembershipQuerySet":
        return self.filter(ended_on__isnull=True)


class Membership(BaseModel):
    household = models.ForeignKey(
        Household, verbose_name=_("户"), on_delete=models.PROTECT, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("人员"), on_delete=models.PROTECT, related_name="memberships"
    )
    relation = models.CharField(_("与户主关系"), max_length=16, choices=Relation.choices)
    started_on = models.DateField(_("入户日期"))
    ended_on = models.DateField(_("离户日期"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("户成员")
        verbose_name_plural = _("户成员")
        constraints = [
            # A person belongs to at most one household at a time.
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(ended_on__isnull=True),
                name="membership_one_current_household",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household_id}:{self.person_id}"
