"""The State Council's holiday arrangements for 2024, 2025 and 2026.

Sources, each published by 国务院办公厅 in the November before the year:
- 国务院办公厅关于2024年部分节假日安排的通知
- 国务院办公厅关于2025年部分节假日安排的通知 (the first under the revised 《全国年节及纪念日
  放假办法》, which adds 除夕 to 春节 and 5月2日 to 劳动节)
- 国务院办公厅关于2026年部分节假日安排的通知

Only days that differ from the plain Monday–Friday week are listed: the weekdays off
(holiday) and the Saturdays and Sundays worked as 调休 (workday). Weekend days inside a
break need no row. From here on the table is maintained by the county administrator.
"""

import datetime as dt

from django.db import migrations

HOLIDAY = "holiday"
WORKDAY = "workday"

ARRANGEMENTS: dict[int, list[tuple[str, str, list[str]]]] = {
    2024: [
        ("元旦", HOLIDAY, ["01-01"]),
        ("春节", HOLIDAY, ["02-12", "02-13", "02-14", "02-15", "02-16"]),
        ("春节调休", WORKDAY, ["02-04", "02-18"]),
        ("清明节", HOLIDAY, ["04-04", "04-05"]),
        ("清明节调休", WORKDAY, ["04-07"]),
        ("劳动节", HOLIDAY, ["05-01", "05-02", "05-03"]),
        ("劳动节调休", WORKDAY, ["04-28", "05-11"]),
        ("端午节", HOLIDAY, ["06-10"]),
        ("中秋节", HOLIDAY, ["09-16", "09-17"]),
        ("中秋节调休", WORKDAY, ["09-14"]),
        ("国庆节", HOLIDAY, ["10-01", "10-02", "10-03", "10-04", "10-07"]),
        ("国庆节调休", WORKDAY, ["09-29", "10-12"]),
    ],
    2025: [
        ("元旦", HOLIDAY, ["01-01"]),
        ("春节", HOLIDAY, ["01-28", "01-29", "01-30", "01-31", "02-03", "02-04"]),
        ("春节调休", WORKDAY, ["01-26", "02-08"]),
        ("清明节", HOLIDAY, ["04-04"]),
        ("劳动节", HOLIDAY, ["05-01", "05-02", "05-05"]),
        ("劳动节调休", WORKDAY, ["04-27"]),
        ("端午节", HOLIDAY, ["06-02"]),
        ("国庆节、中秋节", HOLIDAY, ["10-01", "10-02", "10-03", "10-06", "10-07", "10-08"]),
        ("国庆节、中秋节调休", WORKDAY, ["09-28", "10-11"]),
    ],
    2026: [
        ("元旦", HOLIDAY, ["01-01", "01-02"]),
        ("元旦调休", WORKDAY, ["01-04"]),
        ("春节", HOLIDAY, ["02-16", "02-17", "02-18", "02-19", "02-20", "02-23"]),
        ("春节调休", WORKDAY, ["02-14", "02-28"]),
        ("清明节", HOLIDAY, ["04-06"]),
        ("劳动节", HOLIDAY, ["05-01", "05-04", "05-05"]),
        ("劳动节调休", WORKDAY, ["05-09"]),
        ("端午节", HOLIDAY, ["06-19"]),
        ("中秋节", HOLIDAY, ["09-25"]),
        ("国庆节", HOLIDAY, ["10-01", "10-02", "10-05", "10-06", "10-07"]),
        ("国庆节调休", WORKDAY, ["09-20", "10-10"]),
    ],
}


def seed(apps, schema_editor):
    CalendarDay = apps.get_model("workdays", "CalendarDay")
    rows = []
    for year, entries in ARRANGEMENTS.items():
        for name, kind, days in entries:
            for month_day in days:
                day = dt.date.fromisoformat(f"{year}-{month_day}")
                # A wrong entry here would silently shift every deadline: fail the migration.
                if (kind == HOLIDAY) != (day.weekday() < 5):
                    raise ValueError(f"{day} cannot be a {kind}")
                rows.append(CalendarDay(date=day, kind=kind, name=name))
    # Idempotent: a day the administrator recorded already is kept as it is.
    CalendarDay.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("workdays", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
