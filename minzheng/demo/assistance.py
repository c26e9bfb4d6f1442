"""The demo county's assistance set-up: the night's chain, the roll, events and reserves.

After the feeds are imported, the model's parameter assumptions are confirmed as 演示数据 (so
cases can be approved and their explanations say so) and the nightly chain runs as production
runs it (rules run, profiles, visit plans, tallies), so 政策测算 and the "可能还能申请"
suggestions work from the first login. The county's roll of current recipients (在册对象) is
then drawn from that run and imported through the roll's own path, which sets it beside the
rules and fills the 在册复核 worklist; its bank accounts become the recipients' payment
accounts, and next month's payment batch is prepared, waiting for its 复核. The demo events
raise their warnings, and the chain runs again from the profiles, now with the register and
the shocks on file. Each 镇街 gets a reserve for 先行救助.
"""

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from minzheng.accounts.enums import Role
from minzheng.accounts.models import User
from minzheng.cases.services.grant_first import township_reserve_set
from minzheng.core.clock import today
from minzheng.demo.caseload import demo_roll_import
from minzheng.demo.events import DemoEvents, demo_events_raise
from minzheng.demo.parameters import demo_parameters_confirm
from minzheng.demo.payments import demo_payments_prepare
from minzheng.divisions.enums import DivisionLevel
from minzheng.divisions.models import Division
from minzheng.eligibility.models import DeterminationRun
from minzheng.eligibility.selectors import determination_counts
from minzheng.nightly.chain import nightly_chain_run
from minzheng.profiling.models import HouseholdProfile
from minzheng.visits.models import VisitPlan

DEMO_RESERVE = Decimal("200000")


@dataclass(frozen=True)
class AssistanceSummary:
    households: int
    counts: list[tuple[str, int, int]]  # programme label, households, monthly yuan
    reserves: int
    profiled: int  # households in difficulty (五型三色)
    events: DemoEvents
    visit_plans: int
    roll_rows: int  # 在册对象 rows of the roll
    roll_entries: int  # of them brought in as migrated benefits
    roll_reviews: int  # 在册复核 items the comparison opened
    accounts: int  # payment accounts taken over from the roll
    batch_lines: int  # payments in next month's batch
    batch_status: str  # where that batch stands (已制单 on a first seed: waiting for 复核)


def demo_assistance_setup(*, directory: Path, seed: int) -> AssistanceSummary:
    as_of = today()
    admin = (
        User.objects.filter(role=Role.COUNTY_ADMIN, is_synthetic=True).order_by("username").first()
    )
    if admin is not None:
        demo_parameters_confirm(actor=admin)
    nightly_chain_run(as_of=as_of)
    roll = demo_roll_import(directory=directory, as_of=as_of, seed=seed)
    payments = demo_payments_prepare(as_of=as_of) if roll else None
    events = demo_events_raise(as_of=as_of)
    # Again from the profiles, now that the roll and the events are on file: recipients are
    # 兜底型, shocks make households 急难型 and red; plans follow the colours, then the tallies.
    nightly_chain_run(as_of=as_of, start="profiles")
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
    run = DeterminationRun.objects.get(is_current=True)
    return AssistanceSummary(
        run.household_count,
        determination_counts(run_id=run.pk),
        reserves,
        HouseholdProfile.objects.count(),
        events,
        VisitPlan.objects.count(),
        roll.rows if roll else 0,
        roll.imported.entries if roll else 0,
        roll.imported.reviews_pending if roll else 0,
        payments[0].created if payments else 0,
        payments[1].payee_count if payments else 0,
        payments[1].get_status_display() if payments else "",
    )
