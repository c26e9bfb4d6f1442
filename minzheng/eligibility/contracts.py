"""What other apps receive from the rules: plain data, no Django models."""

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import uuid

    import pandas as pd

# The facts a case may leave 未核对 (``null``), by their path in the case.
from minzheng.eligibility.rules.facts import UNVERIFIABLE_FACTS

__all__ = ["UNVERIFIABLE_FACTS", "CasePrefill", "Suggestion"]


@dataclass(frozen=True)
class CasePrefill:
    """A household's case, in the rule set's input format, filled from the integration layer.

    ``case`` follows ``docs/eligibility-spec.md`` (the input of ``minzheng eligibility
    evaluate``). ``sources`` says where each filled value came from, keyed by the value's path
    in the case (``members[0].monthly_income``, ``assets.dwellings``), as a Chinese label such as
    "人社 2026-10-31". A path that is absent from ``sources`` had no data and holds a default the
    caseworker must confirm or replace; one whose value is ``None`` is 未核对.
    """

    case: dict[str, object]
    sources: dict[str, str] = field(default_factory=dict)
    # The data date of each sourced value, for telling new department data from old.
    source_dates: dict[str, date] = field(default_factory=dict)


@dataclass(frozen=True)
class Suggestion:
    """A programme the latest bulk run finds a household eligible for (可能还能申请)."""

    programme: str
    programme_label: str
    monthly_amount: int
    sentences: list[str]
    as_of: date


@dataclass(frozen=True)
class JudgementFrame:
    """The current bulk run's verdicts as columns (see ``current_judgement_frame``)."""

    as_of: date
    frame: "pd.DataFrame"


@dataclass(frozen=True)
class EligibleHousehold:
    """A household the current run finds eligible, with the programmes (labels) it qualifies for."""

    household_id: "uuid.UUID"
    household_number: str
    division_code: int
    programmes: list[str]
