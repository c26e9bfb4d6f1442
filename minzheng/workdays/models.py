"""The exceptions to the Monday–Friday week: 法定节假日 and 调休 make-up days."""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from minzheng.core.models import BaseModel
from minzheng.workdays.enums import DayKind

NAME_MAX_LENGTH = 32


class CalendarDayQuerySet(models.QuerySet["CalendarDay"]):
    def between(self, first: dt.date, last: dt.date) -> "CalendarDayQuerySet":
        """Days from ``first`` to ``last``, both included."""
        return self.filter(date__range=(first, last))

    def in_year(self, year: int) -> "CalendarDayQuerySet":
        return self.between(dt.date(year, 1, 1), dt.date(year, 12, 31))


class CalendarDay(BaseModel):
    """A day whose status differs from the plain rule; every other day follows Monday–Friday.

    The rows follow the yearly notice of the State Council's General Office (国务院办公厅关于
    部分节假日安排的通知) and are maintained by the county administrator.
    """

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类别"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("名称"), max_length=NAME_MAX_LENGTH)

    objects = CalendarDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=DayKind.values), name="workdays_day_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}"

    @property
    def is_working(self) -> bool:
        return self.kind == DayKind.WORKDAY
