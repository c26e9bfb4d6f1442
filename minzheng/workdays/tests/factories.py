import datetime as dt

import factory

from minzheng.workdays.enums import DayKind
from minzheng.workdays.models import CalendarDay


class CalendarDayFactory(factory.django.DjangoModelFactory):
    """A holiday on a Monday of 2030, a year the seed migration leaves empty."""

    class Meta:
        model = CalendarDay
        django_get_or_create = ("date",)

    date = factory.Sequence(lambda n: dt.date(2030, 1, 7) + dt.timedelta(weeks=n))
    kind = DayKind.HOLIDAY
    name = "测试假日"
