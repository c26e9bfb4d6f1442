"""The demo county's assistance set-up: current determinations and township reserves.

After the feeds are imported, the model's parameter assumptions are confirmed as 演示数据
(so cases can be approved and their explanations say so), the rules judge every household
once (so 政策测算 and the "可能还能申请" suggestions work from the first login), the households
in difficulty are profiled (五型三色), the demo events raise their warnings, the households
are profiled again with the shocks on file, visits are planned by colour, the dashboard's
tallies are computed, and each 镇街 gets a reserve for 先行救助.
"""

from dataclasses import dataclass
from decimal import Decimal

from minzheng.accounts.enums import Role
from minzheng.accounts.models import User
from minzheng.cases.services.grant_first import township_reserve_set
from minzheng.core.clock import today
from minzheng.dashboard.services import loop_tallies_refresh
from minzheng.demo.events import DemoEvents, demo_events_raise
from minzheng.demo.parameters import demo_parameters_confirm
from minzheng.divisions.enums import DivisionLevel
from minzheng.divisions.models import Division
from minzheng.eligibility.selectors import determination_counts
from minzheng.eligibility.services import determinations_run
from minzheng.profiling.services import profiles_run
from minzheng.visits.services.planning import visit_plans_refresh

DEMO_RESERVE = Decimal("200000")


@dataclass(frozen=True)
class AssistanceSummary:
    households: int
    counts: list[tuple[str, int, int]]  # programme label, households, monthly yuan
    reserves: int
    profiled: int  # households in difficulty (五型三色)
    events: DemoEvents
    visit_plans: int


def demo_assistance_setup(*, progress: bool) -> AssistanceSummary:
    admin = (
        User.objects.filter(role=Role.COUNTY_ADMIN, is_synthetic=True).order_by("username").first()
    )
    if admin is not None:
        demo_parameters_confirm(actor=admin)
    run = determinations_run(actor=None, as_of=today(), progress=progress)
    profiles_run(as_of=today())
    events = demo_events_raise(as_of=today())
    # Again, now that the events are on file: shocks make households 急难型 and red, and their
    # timelines show the change. Then plans follow the colours, and the dashboard's tallies.
    profiles = profiles_run(as_of=today())
    plans = visit_plans_refresh(as_of=today())
    loop_tallies_refresh(as_of=today())
    approver = User.objects.filter(role=Role.COUNTY_CASEWORKER, is_synthetic=True).first()
    reserves = 0
    if approver is not None and approver.jurisdiction is not None:
        low, high = approver.jurisdiction.code_range()
        townships = Division.objects.filter(
            level=DivisionLevel.TOWNSHIP, code__range=(low, high)
        ).values_list("code", flat=True)
        for code in townships:
            township_reserve_set(
                actor=approver, township_code=code, year=today().year, budget=DEMO_RESERVE
            )
            reserves += 1
    return AssistanceSummary(
        run.household_count,
        determination_counts(run_id=run.pk),
        reserves,
        profiles.profiled,
        events,
        sum(plans.by_colour.values()),
    )
