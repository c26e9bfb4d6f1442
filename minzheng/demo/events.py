"""The demo county's monitoring events: one or more for every warning rule, and the Huzhou case.

Huzhou's monitoring caught a family with 300,000 yuan of medical bills (湖州市民政局's 2024
review); here one household gets that bill. The persons are picked deterministically from the
registry: profiled 兜底型 households for the events that matter more there, others for the rest.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import F

from minzheng.monitoring.services.events import events_import
from minzheng.monitoring.services.warnings import warnings_from_events
from minzheng.profiling.models import HouseholdProfile
from minzheng.registry.enums import PersonStatus, Relation
from minzheng.registry.models import Membership

SOURCE = "演示监测数据"
SUBSISTENCE_BIT = 1 << 1  # classify.TYPES: emergency, subsistence, …
# (kind, amount, months, from a 兜底型 household): every rule of monitoring/rules.py that
# department feeds can trigger; purchases count only where benefits are paid, which the demo
# county has none of until someone approves an application.
EVENTS = (
    ("big_medical_bill", "300000", "", True),  # the Huzhou case: 红
    ("big_medical_bill", "36000", "", False),  # 黄
    ("death", "", "", True),  # 红
    ("disability_certificate", "", "", False),  # 黄
    ("unemployment", "", "", True),  # 红 in a 兜底型 household
    ("unemployment", "", "", False),  # 黄
    ("utility_arrears", "", "4", False),  # 黄
    ("disaster", "", "", False),  # 红
)


@dataclass(frozen=True)
class DemoEvents:
    created: int
    warnings: int
    red: int


def _heads(*, subsistence: bool, count: int) -> list[str]:
    profiled = HouseholdProfile.objects.annotate(subsistence=F("types").bitand(SUBSISTENCE_BIT))
    chosen = (
        profiled.filter(subsistence__gt=0) if subsistence else profiled.filter(subsistence=0)
    ).values_list("household_id", flat=True)
    return list(
        Membership.objects.current()
        .filter(
            relation=Relation.HEAD,
            person__status=PersonStatus.ALIVE,
            household_id__in=chosen,
        )
        .exclude(person__id_number="")
        .order_by("household__number")
        .values_list("person__id_number", flat=True)[:count]
    )


def demo_events_raise(*, as_of: dt.date) -> DemoEvents:
    """Import the demo events and raise their warnings (red ones ask for urgent visits)."""
    needed = {flag: sum(1 for *_rest, f in EVENTS if f == flag) for flag in (True, False)}
    people = {flag: _heads(subsistence=flag, count=needed[flag]) for flag in (True, False)}
    rows = []
    for line, (kind, amount, months, subsistence) in enumerate(EVENTS, start=1):
        if not people[subsistence]:
            continue
        rows.append(
            {
                "line": line,
                "record_id": f"DEMO-{as_of:%Y%m%d}-{line:02d}",
                "id_number": people[subsistence].pop(0),
                "kind": kind,
                "occurred_on": (as_of - dt.timedelta(days=line)).isoformat(),
                "amount": amount,
                "months": months,
            }
        )
    imported = events_import(rows=rows, source=SOURCE)
    raised = warnings_from_events(as_of=as_of)
    return DemoEvents(imported.created, raised.raised, raised.red)
