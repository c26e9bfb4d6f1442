"""镇街 临时救助 reserves."""

from minzheng.accounts.permissions import Actor
from minzheng.cases.enums import StepKind
from minzheng.cases.models import Application, TownshipReserve
from minzheng.cases.permissions import may_act
from minzheng.divisions.codes import code_range
from minzheng.divisions.enums import DivisionLevel


def township_of(village_code: int) -> int:
    """The 镇街 code of a 村社 code."""
    return code_range(village_code, DivisionLevel.TOWNSHIP)[0]


def township_reserve(*, township_code: int, year: int) -> TownshipReserve | None:
    return TownshipReserve.objects.filter(township_id=township_code, year=year).first()


def grant_first_open(*, actor: Actor, application: Application) -> bool:
    """Whether the actor may pay this application's 临时救助 first (the 镇街 reviewer)."""
    if application.decided_at is not None:
        return False
    if not may_act(actor=actor, application=application, step=StepKind.TOWNSHIP_REVIEW):
        return False
    return application.items.filter(item__code="temporary", granted_first_at__isnull=True).exists()
